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
 */
@ConfigurationProperties("regent.reconciliation")
public record ReconciliationSettings(Integer buckets, Duration interval, Boolean repairScheduled,
                                     Long incidentThreshold, Map<String, Long> thresholds) {

    public ReconciliationSettings {
        buckets = buckets == null ? 256 : buckets;
        interval = interval == null ? Duration.ofHours(1) : interval;
        repairScheduled = repairScheduled == null || repairScheduled;
        incidentThreshold = incidentThreshold == null ? 10 : incidentThreshold;
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        if (buckets < 1 || buckets > 65_536) {
            throw new IllegalArgumentException("regent.reconciliation.buckets must be 1 to 65536, was " + buckets);
        }
    }

    public long thresholdFor(String aggregateType) {
        return thresholds.getOrDefault(aggregateType, incidentThreshold);
    }
}
