/**
 * Reconciliation of copies with the event store they come from. An owner checks its own views against its store
 * ({@link dev.regent.projections.reconciliation.OwnerViewCheck}), and describes what each other region should hold of
 * its aggregates (per aggregate: the store's sequence and a hash of its verified view row as the residency policy lets
 * that region see it), bucketed so that regions compare a few hundred bucket hashes and fetch details only for the
 * buckets that differ. Each drifted aggregate is classified: missing, stale, diverged, orphaned or unreadable.
 */
package dev.regent.projections.reconciliation;
