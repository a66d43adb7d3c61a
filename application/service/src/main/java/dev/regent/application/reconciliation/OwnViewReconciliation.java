package dev.regent.application.reconciliation;

import dev.regent.projections.reconciliation.Drift;
import dev.regent.projections.reconciliation.OwnerViewCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The first step of every run, before any replica is compared: this region's own views of the aggregates it owns,
 * checked against its event store, and repaired from it. Versions of every aggregate each run; contents (a fold of
 * the store's events per row) in a window of {@code regent.reconciliation.owner-content-buckets} buckets that moves
 * on each run, so that every row's content is checked once every {@code buckets / window} runs.
 */
class OwnViewReconciliation {

    private static final Logger log = LoggerFactory.getLogger(OwnViewReconciliation.class);

    private final OwnerViewCheck check;
    private final StoreFolds folds;
    private final ReconciliationSettings settings;
    private final AtomicInteger nextWindowStart;

    /** The window starts at a random bucket: a region restarted more often than a full sweep still reaches them all. */
    OwnViewReconciliation(OwnerViewCheck check, StoreFolds folds, ReconciliationSettings settings) {
        this(check, folds, settings, ThreadLocalRandom.current().nextInt(settings.buckets()));
    }

    OwnViewReconciliation(OwnerViewCheck check, StoreFolds folds, ReconciliationSettings settings,
                          int firstWindowStart) {
        this.check = check;
        this.folds = folds;
        this.settings = settings;
        this.nextWindowStart = new AtomicInteger(firstWindowStart);
    }

    /** The buckets whose contents this run folds: the next ones after the last run's. */
    Set<Integer> nextContentWindow() {
        int buckets = settings.buckets();
        int size = Math.min(settings.ownerContentBuckets(), buckets);
        int start = nextWindowStart.getAndUpdate(current -> (current + size) % buckets);
        return IntStream.range(0, size).map(offset -> (start + offset) % buckets).boxed()
                .collect(Collectors.toSet());
    }

    /** Drift of this region's own {@code view} from its store: every version, and the window's contents. */
    List<Drift> check(String view, Set<Integer> contentWindow) {
        long start = System.nanoTime();
        List<Drift> drifts = check.check(view, settings.buckets(), contentWindow);
        log.info("Checked this region's own {} view against its event store (contents of {} of {} buckets) in {} ms: "
                + "{} drifted", view, contentWindow.size(), settings.buckets(), (System.nanoTime() - start) / 1_000_000,
                drifts.size());
        return drifts;
    }

    /** Each drifted row rebuilt from the store's events; @return what could not be (one line each). */
    List<String> repair(String view, List<Drift> drifts) {
        List<String> errors = new ArrayList<>();
        for (Drift drift : drifts) {
            try {
                folds.repair(view, drift.aggregateId());
            } catch (RuntimeException e) {
                log.warn("Could not repair this region's {} row of {} from its store: {}", view,
                        drift.aggregateId(), e.toString());
                errors.add(view + " row of " + drift.aggregateId() + " not repaired from the store: "
                        + e.getMessage());
            }
        }
        log.info("Repaired {} of this region's own {} rows from its event store", drifts.size() - errors.size(),
                view);
        return errors;
    }
}
