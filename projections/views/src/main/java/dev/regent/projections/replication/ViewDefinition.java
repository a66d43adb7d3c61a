package dev.regent.projections.replication;

import java.util.function.Function;

/**
 * A read model as registered: its name (also its processing group), the view record, the aggregate type it follows
 * and how to make its projection over a given set of rows (for rebuilds in place and audit replays in a scratch view).
 */
public record ViewDefinition<V>(String name, Class<V> viewType, String aggregateType,
                                Function<VersionedViews<V>, ? extends VersionedProjection<V>> constructor) {
}
