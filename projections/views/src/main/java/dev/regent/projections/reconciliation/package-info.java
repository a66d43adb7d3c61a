/**
 * Reconciliation of replicas with their owners. An owner describes what each other region should hold of its
 * aggregates (per aggregate: sequence and a hash of the state as the residency policy lets that region see it),
 * bucketed so that regions compare a few hundred bucket hashes and fetch details only for the buckets that differ.
 * Each drifted aggregate is classified: missing, stale, diverged or orphaned.
 */
package dev.regent.projections.reconciliation;
