package dev.regent.infrastructure.failover;

import dev.regent.domain.shared.BusinessRuleViolation;

import java.time.Instant;

/** The owner's adjudication: it changed the aggregate itself after the change was captured elsewhere. */
public class CaptureSupersededException extends BusinessRuleViolation {

    public CaptureSupersededException(String aggregateId, Instant capturedAt, Instant ownersLatestChange) {
        super("The change captured at " + capturedAt + " is superseded: the owner changed " + aggregateId + " at "
                + ownersLatestChange + ", after it was captured");
    }
}
