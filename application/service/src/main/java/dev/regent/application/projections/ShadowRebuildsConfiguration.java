package dev.regent.application.projections;

import dev.regent.infrastructure.kafka.ProcessorEventSource;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.TokenPositions;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.shadow.ShadowRebuilds;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;

/** Shadow rebuilds read what the view processors read, in batches of the processors' size. */
@Configuration(proxyBeanMethods = false)
class ShadowRebuildsConfiguration {

    @Bean(destroyMethod = "close")
    ShadowRebuilds shadowRebuilds(EventProcessingConfiguration processing, ViewStores views,
                                  ProjectionRebuilds rebuilds, ProcessorEventSource source, JdbcTemplate jdbc,
                                  PlatformTransactionManager transactionManager, TokenPositions positions,
                                  Clock clock, RegentProperties properties) {
        return new ShadowRebuilds(processing, views, rebuilds, source, jdbc, transactionManager, positions, clock,
                properties.events().batchSize(), Duration.ofSeconds(2));
    }
}
