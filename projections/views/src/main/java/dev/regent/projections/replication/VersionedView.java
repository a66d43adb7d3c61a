package dev.regent.projections.replication;

import dev.regent.domain.ownership.Region;

import java.time.Instant;

/**
 * One aggregate's read model, with where it stands: {@code version} counts the aggregate's events applied, and
 * {@code owner} / {@code ownerEpoch} are those of the last applied event.
 */
public record VersionedView<V>(String aggregateId, V state, long version, Region owner, long ownerEpoch,
                               Instant lastEventAt) {
}
