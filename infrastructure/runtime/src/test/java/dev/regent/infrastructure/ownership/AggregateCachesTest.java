package dev.regent.infrastructure.ownership;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateCachesTest {

    /** Stands for any aggregate: the cache only keeps Axon's entry and the version it was at. */
    static class Account {
    }

    private final AggregateCaches caches = new AggregateCaches(10);
    private final Cache accounts = caches.of(Account.class);

    @Test
    void anEntryAtTheStoresLastSequence_staysCached() {
        accounts.put("acc-1", entryAt(4));

        caches.validate("acc-1", 4L);

        assertThat(accounts.containsKey("acc-1")).isTrue();
    }

    @Test
    void anEntryBehindTheStore_isDropped_forTheCommandToLoadTheAggregateAsAnotherInstanceLeftIt() {
        accounts.put("acc-1", entryAt(4));
        accounts.put("acc-2", entryAt(7));

        caches.validate("acc-1", 5L);
        caches.validate("acc-3", 0L);

        assertThat(accounts.containsKey("acc-1")).isFalse();
        assertThat(accounts.containsKey("acc-2")).as("other aggregates untouched").isTrue();
    }

    @Test
    void axonsEntryStillKeepsItsVersionWhereItIsRead() {
        assertThat(AggregateCaches.versionOf(entryAt(12))).isEqualTo(12L);
        assertThat(AggregateCaches.versionOf("not an entry")).isNull();
    }

    private static AggregateCacheEntry<Account> entryAt(long version) {
        EventSourcedAggregate<Account> aggregate = EventSourcedAggregate.reconstruct(new Account(),
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Account.class),
                version, false, SimpleEventBus.builder().build(), NoSnapshotTriggerDefinition.TRIGGER);
        return new AggregateCacheEntry<>(aggregate);
    }
}
