package dev.regent.projections.reconciliation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One run's findings, in this region: how many aggregates of each owner were compared per view, what drifted and
 * how, what was repaired, and the incidents it raised (aggregate types drifted above their threshold).
 */
public record ReconciliationReport(String runId, RunStatus status, String trigger, boolean repair,
                                   Instant startedAt, Instant finishedAt, long bucketsCompared,
                                   long bucketsDiffering, Map<DriftClass, Long> driftCounts, List<Drift> drifts,
                                   long resyncedEvents, List<Incident> incidents, List<String> errors) {
}
