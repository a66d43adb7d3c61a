package dev.regent.projections.reconciliation;

import dev.regent.projections.reconciliation.ReconciliationFixture.OwnerStore;
import dev.regent.projections.reconciliation.ReconciliationFixture.View;
import dev.regent.projections.replication.ViewStores;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.regent.projections.reconciliation.ReconciliationFixture.EU;
import static dev.regent.projections.reconciliation.ReconciliationFixture.JDBC;
import static dev.regent.projections.reconciliation.ReconciliationFixture.customers;
import static dev.regent.projections.reconciliation.ReconciliationFixture.deliver;
import static dev.regent.projections.reconciliation.ReconciliationFixture.newId;
import static dev.regent.projections.reconciliation.ReconciliationFixture.streamOf;
import static dev.regent.projections.reconciliation.ReconciliationFixture.view;
import static dev.regent.projections.reconciliation.ReconciliationFixture.viewStores;
import static org.assertj.core.api.Assertions.assertThat;

/** The owner's own view (real PostgreSQL rows) against its event store (in memory), by versions and by folds. */
class OwnerViewCheckTest {

    private static final int BUCKETS = 8;
    private static final Set<Integer> EVERY_BUCKET = IntStream.range(0, BUCKETS).boxed().collect(Collectors.toSet());

    private final ViewStores euViews = viewStores(EU);
    private final OwnerStore euStore = new OwnerStore();
    private final View customers = view(euViews, "eu-own-customers");
    private Set<String> parked = Set.of();
    private final OwnerViewCheck check = new OwnerViewCheck(euViews, euStore, euStore.fold(euViews), EU,
            (view, owner) -> parked);

    @Test
    void givenAViewAppliedFromItsStore_whenChecked_thenNothingDrifted() {
        customers(20).forEach(id -> euStore.appendAndProject(customers, streamOf(id, id.hashCode() & 3, false)));

        assertThat(check.check(customers.name(), BUCKETS, EVERY_BUCKET)).isEmpty();
    }

    @Test
    void givenRowsMissingBehindAheadWithoutEventsOrUnreadable_whenVersionsAreChecked_thenEachHasItsClass_asTheOwners() {
        List<String> ids = customers(10);
        ids.forEach(id -> euStore.appendAndProject(customers, streamOf(id, 2, false)));
        String missing = ids.get(0);
        String behind = ids.get(1);
        String ahead = ids.get(2);
        String unreadable = ids.get(3);
        String withoutEvents = newId();
        deliver(customers, streamOf(withoutEvents, 0, false));
        row("delete from regent_view where view_name = ? and aggregate_id = ?", missing);
        row("update regent_view set last_sequence = 1 where view_name = ? and aggregate_id = ?", behind);
        row("update regent_view set last_sequence = 5 where view_name = ? and aggregate_id = ?", ahead);
        row("update regent_view set state = '[\"not a customer\"]' where view_name = ? and aggregate_id = ?",
                unreadable);

        List<Drift> drifts = check.check(customers.name(), BUCKETS, Set.of());

        assertThat(drifts).containsExactlyInAnyOrder(
                owners(missing, DriftClass.MISSING, 2, -1),
                owners(behind, DriftClass.STALE, 2, 1),
                owners(ahead, DriftClass.DIVERGED, 2, 5),
                owners(unreadable, DriftClass.UNREADABLE, 2, 2),
                owners(withoutEvents, DriftClass.ORPHANED, -1, 0));
    }

    @Test
    void givenARowAtTheStoresSequenceWithOtherContent_thenOnlyAFoldFindsIt_inTheWindowChecked() {
        List<String> ids = customers(10);
        ids.forEach(id -> euStore.appendAndProject(customers, streamOf(id, 1, false)));
        String altered = ids.get(4);
        row("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"') where view_name = ? "
                + "and aggregate_id = ?", altered);
        int bucket = Digests.bucketOf(altered, BUCKETS);

        assertThat(check.check(customers.name(), BUCKETS, Set.of())).as("its version is right").isEmpty();
        assertThat(check.check(customers.name(), BUCKETS, Set.of(bucket)))
                .containsExactly(owners(altered, DriftClass.DIVERGED, 1, 1));
        assertThat(check.check(customers.name(), BUCKETS, Set.of((bucket + 1) % BUCKETS)))
                .as("outside the window: not folded").isEmpty();
        row("update regent_view set last_sequence = 2 where view_name = ? and aggregate_id = ?", altered);
        assertThat(check.check(customers.name(), BUCKETS, EVERY_BUCKET)).as("found by its version: once")
                .containsExactly(owners(altered, DriftClass.DIVERGED, 1, 2));
    }

    @Test
    void givenAnAggregateWhoseEventsTheViewParked_thenItIsLeftToItsDeadLetters() {
        String stuck = newId();
        euStore.append(streamOf(stuck, 3, false));
        deliver(customers, streamOf(stuck, 1, false));
        parked = Set.of(stuck);

        assertThat(check.check(customers.name(), BUCKETS, EVERY_BUCKET)).isEmpty();
    }

    @Test
    void givenDriftedRows_whenReappliedFromTheStore_thenTheViewAgreesWithTheStoreAgain() {
        List<String> ids = customers(3);
        ids.forEach(id -> euStore.appendAndProject(customers, streamOf(id, 2, false)));
        row("delete from regent_view where view_name = ? and aggregate_id = ?", ids.get(0));
        row("update regent_view set state = jsonb_set(state, '{domicile}', '\"XX\"'), last_sequence = 7 "
                + "where view_name = ? and aggregate_id = ?", ids.get(1));

        ids.forEach(id -> euViews.reapply(customers.name(), id, streamOf(id, 2, false)));

        assertThat(check.check(customers.name(), BUCKETS, EVERY_BUCKET)).isEmpty();
        assertThat(euViews.rows(customers.name()).orElseThrow().find(ids.get(1)).orElseThrow().version())
                .isEqualTo(3);
    }

    private void row(String sql, String aggregateId) {
        assertThat(JDBC.update(sql, customers.name(), aggregateId)).isEqualTo(1);
    }

    private Drift owners(String aggregateId, DriftClass driftClass, long storeSequence, long viewSequence) {
        return new Drift(customers.name(), aggregateId, EU.name(), driftClass, storeSequence, viewSequence,
                DriftSide.OWNER);
    }
}
