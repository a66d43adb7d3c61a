package dev.regent.infrastructure;

import dev.regent.infrastructure.deadlines.DeadlinesConfiguration;
import dev.regent.infrastructure.evolution.EventEvolutionConfiguration;
import dev.regent.infrastructure.failover.FailoverConfiguration;
import dev.regent.infrastructure.kafka.EventTransportConfiguration;
import dev.regent.infrastructure.ownership.OwnershipConfiguration;
import dev.regent.infrastructure.postgres.AxonStoresConfiguration;
import dev.regent.infrastructure.postgres.SerializationConfiguration;
import dev.regent.infrastructure.peer.PeerConfiguration;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.residency.ResidencyConfiguration;
import dev.regent.infrastructure.routing.RoutingConfiguration;
import dev.regent.infrastructure.transfer.TransferConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** The infrastructure module's wiring: one region's stores, ownership enforcement, routing and event transport. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegentProperties.class)
@Import({SerializationConfiguration.class, AxonStoresConfiguration.class, OwnershipConfiguration.class, RoutingConfiguration.class, PeerConfiguration.class,
        FailoverConfiguration.class, TransferConfiguration.class, EventTransportConfiguration.class, DeadlinesConfiguration.class, ResidencyConfiguration.class,
        EventEvolutionConfiguration.class})
public class InfrastructureConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
