package dev.regent.projections.reconciliation;

import dev.regent.projections.replication.VersionedView;

import java.util.Optional;

/**
 * An aggregate's row as its view's own projection makes it from the owner's event store (a port): the expected
 * state the owner's view row is checked against. Empty when the store has no events of it.
 */
@FunctionalInterface
public interface StoreFold {

    Optional<? extends VersionedView<?>> fold(String view, String aggregateId);
}
