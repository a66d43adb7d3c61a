package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.replication.VoidRepair;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * How a read model row that may show voided events is made again: on the owner from its store (which reads them as
 * placeholders), elsewhere by the owner publishing the aggregate again toward this region, as a reconciliation repair
 * does. The owner being unreachable fails the processor's batch, which is retried: nothing is skipped.
 */
@Configuration(proxyBeanMethods = false)
class VoidRepairConfiguration {

    @Bean
    VoidRepair voidRepair(ViewStores stores, EventStore eventStore, OwnershipRegistry registry, OwnerDigests owners,
                          Region localRegion) {
        VoidRepair repair = new VoidRepair() {
            @Override
            public Optional<List<? extends DomainEventMessage<?>>> ownedHistory(String aggregateId) {
                return registry.find(aggregateId).filter(ownership -> ownership.isOwnedBy(localRegion))
                        .<List<? extends DomainEventMessage<?>>>map(owned -> eventStore.readEvents(aggregateId).asStream().toList());
            }

            @Override
            public Optional<Region> ownerElsewhere(String aggregateId) {
                return registry.find(aggregateId).map(Ownership::owner).filter(region -> !region.equals(localRegion));
            }

            @Override
            public void requestResync(Region owner, Collection<String> aggregateIds) {
                owners.resync(owner, aggregateIds);
            }
        };
        stores.repairVoidsWith(repair);
        return repair;
    }
}
