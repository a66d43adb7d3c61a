package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.residency.Egress;
import dev.regent.projections.deadletter.DeadLetters;
import dev.regent.projections.reconciliation.Digests;
import dev.regent.projections.reconciliation.OwnerViewCheck;
import dev.regent.projections.reconciliation.ReconciliationStore;
import dev.regent.projections.reconciliation.ShareableForm;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.reconciliation.ReplicaDrift;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Wires reconciliation: the owner's digests are of its event store (which aggregates, at which sequence) and of its
 * view rows where they agree with it, in the shareable form the residency policy gives each destination.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconciliationSettings.class)
class ReconciliationConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationConfiguration.class);

    @Bean
    ShareableForm shareableForm(Egress egress) {
        return (state, owner, destination) -> egress.protect(state, owner, destination, (field, action) -> { });
    }

    @Bean
    EventStoreSequences storedSequences(JdbcTemplate jdbc) {
        return new EventStoreSequences(jdbc);
    }

    @Bean
    StoreFolds storeFolds(EventStore eventStore, ViewStores views) {
        return new StoreFolds(eventStore, views);
    }

    @Bean
    Digests digests(ViewStores views, ShareableForm shareableForm, Region localRegion, DeadLetters deadLetters,
                    EventStoreSequences store) {
        return new Digests(views, shareableForm, localRegion, deadLetters::parkedAggregates, store);
    }

    @Bean
    OwnViewReconciliation ownViewReconciliation(ViewStores views, EventStoreSequences store, StoreFolds folds,
                                                Region localRegion, DeadLetters deadLetters,
                                                ReconciliationSettings settings) {
        return new OwnViewReconciliation(new OwnerViewCheck(views, store, folds, localRegion,
                deadLetters::parkedAggregates), folds, settings);
    }

    @Bean
    ReconciliationStore reconciliationStore(JdbcTemplate jdbc) {
        return new ReconciliationStore(jdbc);
    }

    /** What the claim saga asks: a drifted replica, or an open incident for its type, holds a claim back. */
    @Bean
    ReplicaDrift replicaDrift(ReconciliationStore store) {
        return (aggregateType, aggregateId) -> store.isDrifted(aggregateId) || store.openIncidents().stream()
                .anyMatch(incident -> incident.aggregateType().equals(aggregateType));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService reconciliationSchedule() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "regent-reconciliation-schedule");
            thread.setDaemon(true);
            return thread;
        });
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleRuns(ApplicationReadyEvent ready) {
        ReconciliationSettings settings = ready.getApplicationContext().getBean(ReconciliationSettings.class);
        if (settings.interval().isZero() || settings.interval().isNegative()) {
            log.info("Scheduled reconciliation is off (regent.reconciliation.interval={})", settings.interval());
            return;
        }
        ReconciliationService service = ready.getApplicationContext().getBean(ReconciliationService.class);
        long every = settings.interval().toMillis();
        ready.getApplicationContext().getBean(ScheduledExecutorService.class).scheduleWithFixedDelay(
                () -> service.start("schedule", settings.repairScheduled()), every, every, TimeUnit.MILLISECONDS);
    }
}
