package dev.regent.projections.replication;

/**
 * An aggregate's row as the next event finds it. {@code decoded} is the state already read (or just evolved) in
 * this batch, so that several events of one aggregate in a batch parse its JSON once; null until then.
 */
record CurrentRow<V>(long lastSequence, String state, long importedEpoch, V decoded) {
}
