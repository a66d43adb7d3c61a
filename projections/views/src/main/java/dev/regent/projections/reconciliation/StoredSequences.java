package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;

import java.util.function.ObjLongConsumer;

/**
 * What a region's event store holds (a port): for each aggregate of a type that {@code owner} owns and that has
 * events in the store, the sequence number of its last event. Ids and sequences only: cheap to read for millions.
 */
@FunctionalInterface
public interface StoredSequences {

    void forEach(String aggregateType, Region owner, ObjLongConsumer<String> aggregateAndLastSequence);
}
