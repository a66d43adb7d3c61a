package dev.regent.application.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.Values;

import java.time.Instant;
import java.util.List;

/**
 * What an operator voids, named one way only: events by id, what a freeze selects ({@code freezeId}), or a scope like a
 * freeze's; and why (required: the audit shows it with their name).
 */
record VoidRequest(List<String> eventIds, String freezeId, String originRegion, String aggregateType, String eventType,
                   Instant writtenSince, String applicationVersion, String reason) {

    /** Ids per request: a void of more is a scope's. */
    static final int MAX_EVENT_IDS = 1_000;
    private static final int MAX_EVENT_ID_LENGTH = 255;

    List<String> requiredEventIds() {
        if (eventIds.size() > MAX_EVENT_IDS) {
            throw new InvalidValueException("eventIds", "at most " + MAX_EVENT_IDS + " per void, was "
                    + eventIds.size() + ": void a scope instead");
        }
        return eventIds.stream().map(id -> Values.requireText("eventIds", id, MAX_EVENT_ID_LENGTH)).distinct()
                .toList();
    }

    boolean byIds() {
        requireOneSelection();
        return eventIds != null;
    }

    boolean byFreeze() {
        requireOneSelection();
        return freezeId != null;
    }

    FreezeScope scope() {
        return new FreezeScope(originRegion, aggregateType, eventType, writtenSince, applicationVersion);
    }

    String requiredFreezeId() {
        return Values.requireIdentifier("freezeId", freezeId.strip());
    }

    String requiredReason() {
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "say why you void: the audit shows it with your name");
        }
        return Values.requirePlainText("reason", reason.strip());
    }

    private void requireOneSelection() {
        boolean scoped = originRegion != null || aggregateType != null || eventType != null || writtenSince != null
                || applicationVersion != null;
        int named = (eventIds != null ? 1 : 0) + (freezeId != null ? 1 : 0) + (scoped ? 1 : 0);
        if (named != 1 || (eventIds != null && eventIds.isEmpty())) {
            throw new InvalidValueException("eventIds", "name what to void one way: eventIds (not empty), a "
                    + "freezeId, or a scope (originRegion, aggregateType, eventType, writtenSince, "
                    + "applicationVersion)");
        }
    }
}
