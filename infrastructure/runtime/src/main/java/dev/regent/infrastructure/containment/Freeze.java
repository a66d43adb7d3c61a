package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.Values;

import java.time.Instant;
import java.util.Objects;

/**
 * One freeze as every region keeps it.
 *
 * @param refuseWrites whether commands to aggregates of the scope's type are refused while it holds
 * @param issuedIn     the region where the operator declared it
 * @param thawedAt null while it holds
 */
public record Freeze(String id, FreezeScope scope, boolean refuseWrites, String reason, String frozenBy, String issuedIn, Instant frozenAt,
                     Instant thawedAt, String thawedBy) {

    /** Checked whoever sends it (a peer pushes freezes too): nothing PostgreSQL or a log line could choke on. */
    public Freeze {
        Values.requireIdentifier("id", Objects.requireNonNull(id, "id"));
        Objects.requireNonNull(scope, "scope");
        Values.requirePlainText("reason", Objects.requireNonNull(reason, "reason"));
        Values.requirePlainText("frozenBy", Objects.requireNonNull(frozenBy, "frozenBy"));
        Region.of(issuedIn);
        Objects.requireNonNull(frozenAt, "frozenAt");
        Values.requirePlainText("thawedBy", thawedBy);
    }

    public boolean active() {
        return thawedAt == null;
    }

    Freeze thawed(String by, Instant at) {
        return new Freeze(id, scope, refuseWrites, reason, frozenBy, issuedIn, frozenAt, at, by);
    }
}
