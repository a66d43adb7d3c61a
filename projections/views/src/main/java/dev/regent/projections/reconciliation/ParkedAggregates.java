package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;

import java.util.Set;

/** The aggregates of {@code owner} that a view parked events of (a port: the dead letters answer it). */
@FunctionalInterface
public interface ParkedAggregates {

    ParkedAggregates NONE = (view, owner) -> Set.of();

    Set<String> of(String view, Region owner);
}
