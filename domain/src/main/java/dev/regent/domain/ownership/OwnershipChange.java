package dev.regent.domain.ownership;

import java.time.Instant;

/** One entry of an aggregate's ownership history: who owned it from which epoch on, and why. */
public record OwnershipChange(String aggregateId, long epoch, Region owner, String rule, Kind kind, String reason,
                              Instant at) {

    public enum Kind { ASSIGNED, TRANSFERRED }
}
