package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.VersionedView;
import dev.regent.projections.replication.VersionedViews;
import dev.regent.projections.replication.ViewStores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Checks this region's own view of the aggregates it owns against its event store, the source of truth, with the
 * replicas' drift classes (marked {@link DriftSide#OWNER}).
 *
 * <p>Versions, of every aggregate, cheaply: the store's (id, last sequence) against the view rows' (id, last
 * sequence), bucketed like replica digests, details only where buckets differ. Finds a row missing ({@code MISSING}),
 * behind ({@code STALE}), ahead ({@code DIVERGED}), without events ({@code ORPHANED}) or unreadable. They cannot find
 * a row at the right sequence with the wrong content: a fold of the store's events does ({@code DIVERGED}), for the
 * rows of the buckets it is given. Aggregates whose events the view parked are left to their dead letters (folding
 * them would only fail again).
 */
public class OwnerViewCheck {

    private static final Logger log = LoggerFactory.getLogger(OwnerViewCheck.class);

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

    /**
     * Drift of this region's own {@code view} from its store: versions of every aggregate, and the contents of the rows
     * in {@code contentWindow} (bucket numbers) whose version agrees. One pass over the store's sequences and one over
     * the view, a second of each only for buckets whose versions differ; then one fold per row of the window: cost
     * grows with the window, which is why a run folds a window, not everything.
     */
    public List<Drift> check(String view, int buckets, Set<Integer> contentWindow) {
        VersionedViews<?> rows = rows(view);
        Set<String> parkedHere = parked.of(view, localRegion);
        Consumer<Consumer<Digest>> stored = digests -> store.forEach(rows.aggregateType(), localRegion,
                (aggregateId, sequence) -> digests.accept(new Digest(aggregateId, sequence, Digests.VERSION_ONLY)));
        List<VersionedViews.StoredRow<?>> toFold = new ArrayList<>();
        List<BucketDigest> viewed = Digests.summarise(buckets, digests -> rows.forEachRow(localRegion, row -> {
            digests.accept(versionOf(row));
            if (row.readable() && contentWindow.contains(Digests.bucketOf(row.aggregateId(), buckets))
                    && !parkedHere.contains(row.aggregateId())) {
                toFold.add(row);
            }
        }));
        List<Integer> differing = DriftComparison.differingBuckets(Digests.summarise(buckets, stored), viewed);
        List<Drift> drifts = new ArrayList<>();
        if (!differing.isEmpty()) {
            Set<Integer> wanted = new HashSet<>(differing);
            drifts.addAll(DriftComparison.compare(view, localRegion.name(), Digests.entries(buckets, wanted, stored),
                    Digests.entries(buckets, wanted, digests -> rows.forEachRow(localRegion,
                            row -> digests.accept(versionOf(row))))));
        }
        Set<String> versionDrifted = drifts.stream().map(Drift::aggregateId).collect(Collectors.toSet());
        for (VersionedViews.StoredRow<?> row : toFold) {
            if (!versionDrifted.contains(row.aggregateId())) {
                contentDrift(view, rows, row).ifPresent(drifts::add);
            }
        }
        return drifts.stream().filter(drift -> !parkedHere.contains(drift.aggregateId()))
                .map(Drift::atOwner).toList();
    }

    private static Digest versionOf(VersionedViews.StoredRow<?> row) {
        return new Digest(row.aggregateId(), row.lastSequence(),
                row.readable() ? Digests.VERSION_ONLY : Digest.UNREADABLE);
    }

    private Optional<Drift> contentDrift(String view, VersionedViews<?> rows, VersionedViews.StoredRow<?> row) {
        Optional<? extends VersionedView<?>> expected;
        try {
            expected = fold.fold(view, row.aggregateId());
        } catch (RuntimeException e) {
            // Its projection refuses its events now: the live processor parks them too, and the dead letters say so.
            log.warn("Could not fold {} of {} from the event store: {}", row.aggregateId(), view, e.toString());
            return Optional.empty();
        }
        long storeSequence = expected.map(folded -> folded.version() - 1).orElse(-1L);
        // A version that moved since the versions pass is the next run's business, not a content difference.
        if (storeSequence == row.lastSequence() && !rows.canonical(expected.get().state())
                .equals(rows.canonical(row.state()))) {
            return Optional.of(new Drift(view, row.aggregateId(), localRegion.name(), DriftClass.DIVERGED,
                    storeSequence, row.lastSequence()));
        }
        return Optional.empty();
    }

    private VersionedViews<?> rows(String view) {
        return views.rows(view).orElseThrow(() -> new IllegalArgumentException("No read model named '" + view + "'"));
    }
}
