package dev.regent.application.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.Values;

import java.time.Instant;

/** What an operator freezes, and why (required: it is kept with their name and shown in every region). */
record FreezeRequest(String originRegion, String aggregateType, String eventType, Instant writtenSince,
                     String applicationVersion, Boolean refuseWrites, String reason) {

    FreezeScope scope() {
        return new FreezeScope(originRegion, aggregateType, eventType, writtenSince, applicationVersion);
    }

    boolean refusesWrites() {
        if (Boolean.TRUE.equals(refuseWrites) && aggregateType == null) {
            throw new InvalidValueException("refuseWrites", "name the aggregateType whose writes are refused");
        }
        return Boolean.TRUE.equals(refuseWrites);
    }

    String requiredReason() {
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "say why you freeze: it is kept with your name");
        }
        return Values.requirePlainText("reason", reason.strip());
    }
}
