package dev.regent.infrastructure.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.scheduling.PeriodicTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Failover policies where commands are sent, delivery of the commands kept for silent owners, and where commands are
 * handled: repeats (of other regions' commands, of keyed requests' commands) answered from the record, captured
 * changes adjudicated. The application provides the {@link RequestTracker}.
 */
@Configuration(proxyBeanMethods = false)
public class FailoverConfiguration {

    @Bean
    DeferredCommands deferredCommands(JdbcTemplate jdbcTemplate) {
        return new DeferredCommands(jdbcTemplate);
    }

    @Bean
    FailoverPolicies failoverPolicies(RegentProperties properties, DeferredCommands deferred,
                                      RequestTracker requests, CommandWireFormat wireFormat, ObjectMapper objectMapper,
                                      PlatformTransactionManager transactionManager, Clock clock,
                                      MeterRegistry meters) {
        return new FailoverPolicies(properties.failover().defaultPolicy(),
                properties.failover().policies(), deferred, requests, wireFormat, objectMapper,
                new TransactionTemplate(transactionManager), clock, meters);
    }

    /** Sends through the distributed bus, which is built with the policies: hence lazy. */
    @Bean
    DeferredCommandDelivery deferredCommandDelivery(DeferredCommands deferred, RequestTracker requests,
                                                    @Lazy CommandBus commandBus, CommandWireFormat wireFormat,
                                                    ObjectMapper objectMapper, RegentProperties properties,
                                                    ProcessedCommands processed, MeterRegistry meters, Clock clock) {
        return new DeferredCommandDelivery(deferred, requests, commandBus, wireFormat, objectMapper,
                properties.failover().deliveryInterval(), properties.routing().timeout(), processed,
                properties.failover().rememberAnswersFor(), meters, clock);
    }

    @Bean
    PeriodicTask deferredCommandDeliveries(DeferredCommandDelivery delivery, RegionLeases leases) {
        return delivery.schedule(leases);
    }

    @Bean
    ProcessedCommands processedCommands(JdbcTemplate jdbcTemplate) {
        return new ProcessedCommands(jdbcTemplate);
    }

    /** Before the ownership check (order 0): a repeated creation is answered, not refused as "already exists". */
    @Bean
    @Order(-1)
    RepeatAnsweringInterceptor repeatAnsweringInterceptor(ProcessedCommands processed, CommandWireFormat wireFormat,
                                                          ObjectMapper objectMapper, MeterRegistry meters) {
        return new RepeatAnsweringInterceptor(processed, wireFormat, objectMapper, meters);
    }

    /** After the ownership check (order 0): only an owner adjudicates. */
    @Bean
    @Order(1)
    OwnerSideDeliveryInterceptor ownerSideDeliveryInterceptor(JdbcTemplate jdbcTemplate) {
        return new OwnerSideDeliveryInterceptor(jdbcTemplate);
    }
}
