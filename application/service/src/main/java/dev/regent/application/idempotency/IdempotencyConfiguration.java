package dev.regent.application.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;

/** Idempotency keys: their store, the filter that honours them, and the purge of expired ones. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdempotencySettings.class)
class IdempotencyConfiguration {

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcTemplate jdbc, IdempotencySettings settings) {
        return new IdempotencyKeys(jdbc, settings.retention(), settings.inFlightTimeout());
    }

    /** Late in the chain: after whatever establishes the caller and bounds the request. */
    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, Region localRegion,
                                                                ObjectMapper objectMapper, MeterRegistry meters) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyFilter(keys, localRegion, objectMapper, meters));
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    @Bean
    ExpiredKeysPurge expiredKeysPurge(IdempotencyKeys keys) {
        return new ExpiredKeysPurge(keys);
    }

    @Bean
    PeriodicTask expiredKeysPurges(ExpiredKeysPurge purge, IdempotencySettings settings, RegionLeases leases) {
        // Once per region: the keys are the region's rows; one purge is enough
        return PeriodicTask.of("regent-idempotency-purge", leases, PeriodicTask.Job.oncePerRegion(
                "Deleting expired idempotency keys", settings.purgeInterval(), purge::purge));
    }
}
