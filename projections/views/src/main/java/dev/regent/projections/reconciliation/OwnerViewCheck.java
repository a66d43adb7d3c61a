package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.VersionedViews;
import dev.regent.projections.replication.ViewStores;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks this region's own view of the aggregates it owns against its event store, the source of truth, with the
 * replicas' drift classes (marked {@link DriftSide#OWNER}).
 *
 * <p>{@link #versions}: every aggregate, cheaply: the store's (id, last sequence) against the view rows' (id, last
 * sequence), bucketed like replica digests, details only where buckets differ. Finds a row missing ({@code MISSING}),
 * behind ({@code STALE}), ahead ({@code DIVERGED}), without events ({@code ORPHANED}) or unreadable. It cannot find a
 * row at the right sequence with the wrong content: {@link #contents} does, by folding the store's events, for the
 * buckets it is given. Aggregates whose events the view parked are left to their dead letters (folding them would
 * only fail again).
 */
public class OwnerViewCheck {

    private final ViewStores views;
    private final StoredSequences store;
    private final StoreFold fold;
    private final Region localRegion;
    private final ParkedAggregates parked;

    public OwnerViewCheck(ViewStores views, StoredSequences store, StoreFold fold, Region localRegion,
                          ParkedAggregates parked) {
        this.views = views;
        this.store = store;
        this.fold = fold;
        this.localRegion = localRegion;
        this.parked = parked;
    }

    /** Rows whose version disagrees with the store (or that cannot be read). */
    public List<Drift> versions(String view, int buckets) {
        VersionedViews<?> rows = rows(view);
        Consumer<Consumer<Digest>> stored = digests -> store.forEach(rows.aggregateType(), localRegion,
                (aggregateId, sequence) -> digests.accept(new Digest(aggregateId, sequence, Digests.VERSION_ONLY)));
        Consumer<Consumer<Digest>> viewed = digests -> rows.forEachRow(localRegion, row -> digests.accept(
                new Digest(row.aggregateId(), row.lastSequence(),
                        row.readable() ? Digests.VERSION_ONLY : Digest.UNREADABLE)));
        List<Integer> differing = DriftComparison.differingBuckets(Digests.summarise(buckets, stored),
                Digests.summarise(buckets, viewed));
        if (differing.isEmpty()) {
            return List.of();
        }
        Set<Integer> wanted = new HashSet<>(differing);
        Set<String> parkedHere = parked.of(view, localRegion);
        return DriftComparison.compare(view, localRegion.name(), Digests.entries(buckets, wanted, stored),
                        Digests.entries(buckets, wanted, viewed)).stream()
                .filter(drift -> !parkedHere.contains(drift.aggregateId()))
                .map(Drift::atOwner).toList();
    }

    /**
     * Rows in {@code window} (bucket numbers) whose content differs from what the view's projection makes of the
     * store's events, at the same sequence; {@code skip}: aggregates already found drifted. One fold per row: cost
     * grows with the window, which is why a run checks a window, not everything.
     */
    public List<Drift> contents(String view, int buckets, Set<Integer> window, Set<String> skip) {
        VersionedViews<?> rows = rows(view);
        Set<String> parkedHere = parked.of(view, localRegion);
        List<VersionedViews.StoredRow<?>> candidates = new ArrayList<>();
        rows.forEachRow(localRegion, row -> {
            if (row.readable() && window.contains(Digests.bucketOf(row.aggregateId(), buckets))
                    && !skip.contains(row.aggregateId()) && !parkedHere.contains(row.aggregateId())) {
                candidates.add(row);
            }
        });
        List<Drift> drifts = new ArrayList<>();
        for (VersionedViews.StoredRow<?> row : candidates) {
            Optional<? extends VersionedView<?>> expected = fold.fold(view, row.aggregateId());
            long storeSequence = expected.map(folded -> folded.version() - 1).orElse(-1L);
            // A version that moved since the versions pass is the next run's business, not a content difference.
            if (storeSequence == row.lastSequence() && !Digests.hash(rows.canonical(expected.get().state()))
                    .equals(Digests.hash(rows.canonical(row.state())))) {
                drifts.add(new Drift(view, row.aggregateId(), localRegion.name(), DriftClass.DIVERGED,
                        storeSequence, row.lastSequence(), DriftSide.OWNER));
            }
        }
        return drifts;
    }

    private VersionedViews<?> rows(String view) {
        return views.rows(view).orElseThrow(() -> new IllegalArgumentException("No read model named '" + view + "'"));
    }
}
