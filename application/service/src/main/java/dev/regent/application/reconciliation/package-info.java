/**
 * Reconciliation between regions: on request or on a schedule, this region checks its own views against its event
 * store (and rebuilds drifted rows from it), then compares its replicas of each owner's aggregates with the owner's
 * store-verified digests (buckets first, details only where buckets differ), classifies the drift, repairs it (forget
 * the replica rows, have the owner publish the aggregates' events again), raises incidents above a threshold per
 * aggregate type, and lets dependent workflows wait on a drifted copy.
 */
package dev.regent.application.reconciliation;
