package dev.regent.projections.reconciliation;

/** A summary of every digest in one bucket: how many, and a hash over all of them (independent of order). */
public record BucketDigest(int bucket, long count, String hash) {
}
