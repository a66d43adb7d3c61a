package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.FreezeScope;

import java.time.Instant;

/**
 * One freeze as every region keeps it.
 *
 * @param refuseWrites whether commands to aggregates of the scope's type are refused while it holds
 * @param issuedIn     the region where the operator declared it
 * @param thawedAt null while it holds
 */
public record Freeze(String id, FreezeScope scope, boolean refuseWrites, String reason, String frozenBy, String issuedIn, Instant frozenAt,
                     Instant thawedAt, String thawedBy) {

    public boolean active() {
        return thawedAt == null;
    }

    Freeze thawed(String by, Instant at) {
        return new Freeze(id, scope, refuseWrites, reason, frozenBy, issuedIn, frozenAt, at, by);
    }
}
