package dev.regent.domain.residency;

import org.axonframework.serialization.Revision;

/**
 * Stands in, outside the owner region, for a {@link RegionLocked} event: same aggregate, same sequence number, nothing
 * of the original (not even its type, which could tell a fact). Replicas keep their place in the aggregate's sequence
 * and learn nothing else.
 */
@Revision("1")
public record WithheldEvent() {
}
