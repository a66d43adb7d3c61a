package dev.regent.projections;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.deadletter.ReadModelDeadLetterQueues;
import dev.regent.projections.rebuild.ProjectionRebuilds;
import dev.regent.projections.rebuild.TokenPositions;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import dev.regent.domain.ownership.OwnershipMetadata;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;
import java.time.Duration;

/**
 * What every read model of a region shares: the view stores, dead-letter queues, rebuilds and routed requests. The
 * read models themselves are the application's beans ({@code ViewStores#projection}), each an Axon event handler in
 * its own processing group.
 */
@AutoConfiguration
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE)
public class RegentViewsAutoConfiguration {

    @Bean
    RoutedRequests routedRequests(JdbcTemplate jdbc) {
        return new RoutedRequests(jdbc);
    }

    @Bean
    ViewStores viewStores(JdbcTemplate jdbc, @Qualifier("eventSerializer") Serializer eventSerializer,
                          Region localRegion, MeterRegistry meters, Clock clock, RoutedRequests routedRequests,
                          PlatformTransactionManager transactionManager) {
        return new ViewStores(jdbc, eventSerializer, localRegion, new ProjectionMetrics(meters, clock),
                routedRequests, transactionManager);
    }

    /** Events published again to repair replicas are for read models only: every other processor skips them. */
    @Bean
    ConfigurerModule resyncedEventsForReadModelsOnly(ViewStores stores) {
        MessageHandlerInterceptor<EventMessage<?>> skipResynced = (unitOfWork, chain) ->
                unitOfWork.getMessage().getMetaData().containsKey(OwnershipMetadata.RESYNC) ? null : chain.proceed();
        return configurer -> configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) ->
                stores.definition(processor).isPresent() ? (unitOfWork, chain) -> chain.proceed() : skipResynced);
    }

    /** Events a read model cannot apply are parked, with their reason, instead of skipped or retried forever. */
    @Bean
    ConfigurerModule readModelDeadLetterQueues(ViewStores stores, MeterRegistry meters) {
        return ReadModelDeadLetterQueues.forViewsIn(stores, meters);
    }

    @Bean
    DeadLetters deadLetters(JdbcTemplate jdbc, ObjectProvider<EventProcessingConfiguration> processing,
                            ViewStores stores, PlatformTransactionManager transactionManager, MeterRegistry meters,
                            @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new DeadLetters(jdbc, processing::getObject, stores, transactionManager, meters, eventSerializer);
    }

    @Bean(destroyMethod = "close")
    ProjectionRebuilds projectionRebuilds(EventProcessingConfiguration processing, ViewStores stores, Clock clock,
                                          ObjectProvider<TokenPositions> positions) {
        return new ProjectionRebuilds(processing, stores, clock, Duration.ofSeconds(2),
                positions.getIfAvailable(() -> new TokenPositions() { }));
    }
}
