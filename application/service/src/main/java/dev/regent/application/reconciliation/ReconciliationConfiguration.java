package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.instances.RegionLeases;
import dev.regent.infrastructure.residency.Egress;
import dev.regent.infrastructure.scheduling.PeriodicTask;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

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

    /**
     * Once per region: a run reads every peer's digests and repairs this region's replicas; two instances running
     * it at once would repair the same rows twice and raise the same incidents twice.
     */
    @Bean
    PeriodicTask scheduledReconciliation(ObjectProvider<ReconciliationService> service,
                                         ReconciliationSettings settings, RegionLeases leases) {
        if (settings.interval().isZero() || settings.interval().isNegative()) {
            log.info("Scheduled reconciliation is off (regent.reconciliation.interval={})", settings.interval());
            return new PeriodicTask("regent-reconciliation-schedule", List.of(), leases);
        }
        return PeriodicTask.of("regent-reconciliation-schedule", leases, PeriodicTask.Job.oncePerRegion(
                "Scheduled reconciliation", settings.interval(),
                () -> service.getObject().start("schedule", settings.repairScheduled())));
    }
}
