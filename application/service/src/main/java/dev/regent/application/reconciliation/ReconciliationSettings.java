package dev.regent.application.reconciliation;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.Map;

/**
 * {@code regent.reconciliation.*}.
 *
 * @param buckets           how many buckets digests are summed into (both sides must agree)
 * @param interval          how often a scheduled run starts; zero turns the schedule off
 * @param repairScheduled   whether scheduled runs repair what they find
 * @param incidentThreshold drifted replicas of one aggregate type above which an incident is raised
 * @param thresholds        per aggregate type (simple class name), overriding {@code incidentThreshold}
 * @param ownerContentBuckets how many buckets of this region's own aggregates a run checks the content of, by folding
 *                          each one's events from the store (versions are checked for all): 0 checks none, {@code
 *                          buckets} all. Each row costs a fold, hence a window that moves on run after run.
 */
@ConfigurationProperties("regent.reconciliation")
public record ReconciliationSettings(Integer buckets, Duration interval, Boolean repairScheduled,
                                     Long incidentThreshold, Map<String, Long> thresholds,
                                     Integer ownerContentBuckets) {

    public ReconciliationSettings {
        buckets = buckets == null ? 256 : buckets;
        interval = interval == null ? Duration.ofHours(1) : interval;
        repairScheduled = repairScheduled == null || repairScheduled;
        incidentThreshold = incidentThreshold == null ? 10 : incidentThreshold;
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        ownerContentBuckets = ownerContentBuckets == null ? 1 : ownerContentBuckets;
        if (buckets < 1 || buckets > 65_536) {
            throw new IllegalArgumentException("regent.reconciliation.buckets must be 1 to 65536, was " + buckets);
        }
        if (ownerContentBuckets < 0 || ownerContentBuckets > buckets) {
            throw new IllegalArgumentException("regent.reconciliation.owner-content-buckets must be 0 to "
                    + "regent.reconciliation.buckets (" + buckets + "), was " + ownerContentBuckets);
        }
    }

    public long thresholdFor(String aggregateType) {
        return thresholds.getOrDefault(aggregateType, incidentThreshold);
    }
}
