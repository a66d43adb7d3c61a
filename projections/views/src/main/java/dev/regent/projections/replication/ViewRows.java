package dev.regent.projections.replication;

import java.util.Optional;

/**
 * Where {@link VersionedViews} reads and writes an aggregate's row: straight in the database (one statement each,
 * outside an event processor's batch) or in the batch ({@link BatchedViewRows}: read together, written together).
 */
interface ViewRows<V> {

    /** The row, locked until the transaction ends; empty before the aggregate's first event. */
    Optional<CurrentRow<V>> current(String aggregateId);

    void write(RowWrite row, V decoded);

    /** Forgets the row and its held events (a new owner's copy replaces the former owner's). */
    void forget(String aggregateId);

    /** Whether the aggregate may have events held behind a gap (false only when known to have none). */
    boolean mayHoldEvents(String aggregateId);

    void held(String aggregateId);

    /** A change this region routed to the owner is visible here once this row commits. */
    void requestApplied(String requestId, long version);
}
