package dev.regent.projections.reconciliation;

import dev.regent.insurer.views.identity.CustomerView;
import dev.regent.projections.replication.ViewStores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.regent.projections.reconciliation.ReconciliationFixture.APAC;
import static dev.regent.projections.reconciliation.ReconciliationFixture.EU;
import static dev.regent.projections.reconciliation.ReconciliationFixture.JDBC;
import static dev.regent.projections.reconciliation.ReconciliationFixture.REDACTED;
import static dev.regent.projections.reconciliation.ReconciliationFixture.US;
import static dev.regent.projections.reconciliation.ReconciliationFixture.customers;
import static dev.regent.projections.reconciliation.ReconciliationFixture.deliver;
import static dev.regent.projections.reconciliation.ReconciliationFixture.newId;
import static dev.regent.projections.reconciliation.ReconciliationFixture.registered;
import static dev.regent.projections.reconciliation.ReconciliationFixture.streamOf;
import static dev.regent.projections.reconciliation.ReconciliationFixture.view;
import static dev.regent.projections.reconciliation.ReconciliationFixture.viewStores;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Digests of real view rows (PostgreSQL): the owner's, of what a destination should hold, against the destination's,
 * of what it holds. The owner eu shares customers with apac redacted. Both regions' views live in one database here,
 * under names of their own; eu's event store is in memory ({@link ReconciliationFixture.OwnerStore}).
 */
class DigestsTest {

    private static final int BUCKETS = 16;
    private static final Set<Integer> ALL_BUCKETS = IntStream.range(0, BUCKETS).boxed().collect(Collectors.toSet());

    /** What the residency policy lets apac hold of eu's customers: no personal field. */
    private static final ShareableForm REDACTED_OUTSIDE_THE_OWNER = (state, owner, destination) -> {
        CustomerView customer = (CustomerView) state;
        return destination.equals(owner) ? customer
                : new CustomerView(customer.customerId(), REDACTED, REDACTED, REDACTED, customer.domicile(),
                customer.preferredLanguage());
    };

    private static final ShareableForm NOTHING_SHARED_ON_A_REPLICA = (state, owner, destination) -> {
        throw new AssertionError("a replica's digests are of its rows as held");
    };

    private final ViewStores euViews = viewStores(EU);
    private final ViewStores apacViews = viewStores(APAC);
    private final ReconciliationFixture.OwnerStore euStore = new ReconciliationFixture.OwnerStore();
    private final Digests euDigests = new Digests(euViews, REDACTED_OUTSIDE_THE_OWNER, EU, ParkedAggregates.NONE,
            euStore);
    private final Digests apacDigests = new Digests(apacViews, NOTHING_SHARED_ON_A_REPLICA, APAC,
            ParkedAggregates.NONE, (type, owner, consumer) -> {
                throw new AssertionError("a replica's digests are of its rows as held");
            });

    @Test
    void givenTheOwnersRowsAndTheRedactedReplica_whenDigested_thenEveryBucketMatches() {
        ReconciliationFixture.View owner = view(euViews, "eu-customers");
        ReconciliationFixture.View replica = view(apacViews, "apac-customers");
        List<String> customers = customers(40);
        customers.forEach(id -> {
            euStore.appendAndProject(owner, streamOf(id, id.hashCode() & 3, false));
            deliver(replica, streamOf(id, id.hashCode() & 3, true));
        });
        // Rows of other owners are not part of eu's comparison, on either side.
        deliver(owner, List.of(registered(newId(), US.name(), false)));
        deliver(replica, List.of(registered(newId(), US.name(), true)));

        List<BucketDigest> expected = euDigests.ownedBuckets(owner.name(), APAC, BUCKETS);
        List<BucketDigest> held = apacDigests.replicaBuckets(replica.name(), EU, BUCKETS);

        assertThat(held).isEqualTo(expected).hasSize(BUCKETS);
        assertThat(DriftComparison.differingBuckets(expected, held)).isEmpty();
        assertThat(held.stream().mapToLong(BucketDigest::count).sum()).isEqualTo(customers.size());
        Set<Integer> all = IntStream.range(0, BUCKETS).boxed().collect(Collectors.toSet());
        assertThat(apacDigests.replicaEntries(replica.name(), EU, BUCKETS, all))
                .containsExactlyInAnyOrderElementsOf(euDigests.ownedEntries(owner.name(), APAC, BUCKETS, all));
        assertThat(euDigests.ownedBuckets(owner.name(), EU, BUCKETS)).as("unredacted, as eu itself holds them")
                .isNotEqualTo(held);
    }

    @Test
    void givenTheSameRowsWrittenInAnotherOrder_thenTheBucketsAreTheSame_forABucketCombinesItsRowsWithoutOrder() {
        List<String> customers = customers(12);
        ReconciliationFixture.View forwards = view(apacViews, "forwards");
        ReconciliationFixture.View backwards = view(apacViews, "backwards");
        customers.forEach(id -> deliver(forwards, streamOf(id, 2, true)));
        List<String> reversed = new ArrayList<>(customers);
        Collections.reverse(reversed);
        reversed.forEach(id -> deliver(backwards, streamOf(id, 2, true)));

        assertThat(apacDigests.replicaBuckets(backwards.name(), EU, BUCKETS))
                .isEqualTo(apacDigests.replicaBuckets(forwards.name(), EU, BUCKETS));

        // One bucket for all: its hash is the XOR of each row's alone, whichever order they are read in.
        long combined = customers.stream().mapToLong(id -> {
            ReconciliationFixture.View alone = view(apacViews, "alone");
            deliver(alone, streamOf(id, 2, true));
            return Long.parseUnsignedLong(apacDigests.replicaBuckets(alone.name(), EU, 1).get(0).hash(), 16);
        }).reduce(0, (a, b) -> a ^ b);
        BucketDigest everything = apacDigests.replicaBuckets(forwards.name(), EU, 1).get(0);
        assertThat(everything.count()).isEqualTo(customers.size());
        assertThat(Long.parseUnsignedLong(everything.hash(), 16)).isEqualTo(combined);
    }

    @Test
    void givenOneReplicaRowAltered_thenExactlyItsBucketDiffers_andItIsTheOnlyDrift() {
        ReconciliationFixture.View owner = view(euViews, "eu-customers");
        ReconciliationFixture.View replica = view(apacViews, "apac-customers");
        List<String> customers = projectedInBoth(owner, replica, 30);
        String altered = customers.get(7);
        JDBC.update("update regent_view set state = jsonb_set(state, '{domicile}', '\"DE\"') "
                + "where view_name = ? and aggregate_id = ?", replica.name(), altered);

        List<BucketDigest> expected = euDigests.ownedBuckets(owner.name(), APAC, BUCKETS);
        List<BucketDigest> held = apacDigests.replicaBuckets(replica.name(), EU, BUCKETS);
        List<Integer> differing = DriftComparison.differingBuckets(expected, held);

        assertThat(differing).containsExactly(Digests.bucketOf(altered, BUCKETS));
        Set<Integer> wanted = Set.copyOf(differing);
        List<Digest> expectedEntries = euDigests.ownedEntries(owner.name(), APAC, BUCKETS, wanted);
        List<Digest> heldEntries = apacDigests.replicaEntries(replica.name(), EU, BUCKETS, wanted);
        assertThat(DriftComparison.compare(owner.name(), "eu", expectedEntries, heldEntries))
                .containsExactly(new Drift(owner.name(), altered, "eu", DriftClass.DIVERGED, 1, 1));
    }

    @Test
    void givenTheOwnersViewMissingOneRowAndAheadOnAnother_thenItsDigestsComeFromTheStore_andVouchForNeither() {
        ReconciliationFixture.View owner = view(euViews, "eu-customers");
        ReconciliationFixture.View replica = view(apacViews, "apac-customers");
        List<String> customers = projectedInBoth(owner, replica, 30);
        String missingAtOwner = customers.get(3);
        String aheadAtOwner = customers.get(9);
        JDBC.update("delete from regent_view where view_name = ? and aggregate_id = ?", owner.name(), missingAtOwner);
        JDBC.update("update regent_view set last_sequence = 4 where view_name = ? and aggregate_id = ?", owner.name(),
                aheadAtOwner);

        List<Digest> expected = euDigests.ownedEntries(owner.name(), APAC, BUCKETS, ALL_BUCKETS);

        assertThat(expected).contains(new Digest(missingAtOwner, 1, Digest.UNREADABLE),
                new Digest(aheadAtOwner, 1, Digest.UNREADABLE)).hasSize(customers.size());
        assertThat(euDigests.ownedBuckets(owner.name(), APAC, BUCKETS)).as("buckets agree with their entries")
                .isEqualTo(Digests.summarise(BUCKETS, expected::forEach));
        assertThat(DriftComparison.compare(owner.name(), "eu", expected,
                apacDigests.replicaEntries(replica.name(), EU, BUCKETS, ALL_BUCKETS)))
                .as("the replica is neither missing nor orphaned against an owner view that disagrees with its store")
                .isEmpty();
    }

    @Test
    void givenAnOwnerRowTheStoreHasNoEventsOf_thenItIsNoAggregate_andTheReplicasCopyIsAnOrphan() {
        ReconciliationFixture.View owner = view(euViews, "eu-customers");
        ReconciliationFixture.View replica = view(apacViews, "apac-customers");
        String stored = newId();
        String notStored = newId();
        euStore.appendAndProject(owner, streamOf(stored, 0, false));
        deliver(replica, streamOf(stored, 0, true));
        deliver(owner, streamOf(notStored, 0, false));
        deliver(replica, streamOf(notStored, 0, true));

        List<Digest> expected = euDigests.ownedEntries(owner.name(), APAC, BUCKETS, ALL_BUCKETS);

        assertThat(expected).extracting(Digest::aggregateId).containsExactly(stored);
        assertThat(euDigests.ownedBuckets(owner.name(), APAC, BUCKETS))
                .isEqualTo(Digests.summarise(BUCKETS, expected::forEach));
        assertThat(DriftComparison.compare(owner.name(), "eu", expected,
                apacDigests.replicaEntries(replica.name(), EU, BUCKETS, ALL_BUCKETS)))
                .containsExactly(new Drift(owner.name(), notStored, "eu", DriftClass.ORPHANED, -1, 0));
    }

    @Test
    void givenBucketNumbersOutOfRange_thenTheyAreRefused() {
        ReconciliationFixture.View owner = view(euViews, "eu-customers");
        ReconciliationFixture.View replica = view(apacViews, "apac-customers");
        String customer = newId();
        euStore.appendAndProject(owner, streamOf(customer, 0, false));
        deliver(replica, streamOf(customer, 0, true));

        assertThatThrownBy(() -> euDigests.ownedEntries(owner.name(), APAC, BUCKETS, Set.of(3, BUCKETS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("buckets go from 0 to 15, not 16");
        assertThatThrownBy(() -> apacDigests.replicaEntries(replica.name(), EU, BUCKETS, Set.of(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("buckets go from 0 to 15, not -1");
        for (int buckets : new int[]{0, -4, 65_537}) {
            assertThatThrownBy(() -> euDigests.ownedBuckets(owner.name(), APAC, buckets))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 65536");
        }
        assertThat(euDigests.ownedBuckets(owner.name(), APAC, 65_536)).hasSize(65_536);
        assertThatThrownBy(() -> euDigests.ownedBuckets("no-such-view", APAC, BUCKETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-view");
    }

    /** {@code count} customers with one change each, in eu's store and view and in the replica's view. */
    private List<String> projectedInBoth(ReconciliationFixture.View owner, ReconciliationFixture.View replica,
                                         int count) {
        List<String> customers = customers(count);
        customers.forEach(id -> {
            euStore.appendAndProject(owner, streamOf(id, 1, false));
            deliver(replica, streamOf(id, 1, true));
        });
        return customers;
    }
}
