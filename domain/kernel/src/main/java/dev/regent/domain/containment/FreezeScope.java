package dev.regent.domain.containment;

import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.Values;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which events a freeze holds: every criterion given must match, a criterion left out matches anything. A scope
 * names at least one criterion besides the time: freezing everything is stopping replication, which is not a
 * containment.
 *
 * @param originRegion       the region whose store appended the events
 * @param aggregateType      e.g. {@code Policy}
 * @param eventType          a payload type's simple name, e.g. {@code PolicyIssuedEvent}
 * @param writtenSince       appended at or after this instant
 * @param applicationVersion appended by this version of the service
 */
public record FreezeScope(String originRegion, String aggregateType, String eventType, Instant writtenSince,
                          String applicationVersion) {

    public FreezeScope {
        originRegion = originRegion == null || originRegion.isBlank() ? null : Region.of(originRegion.strip()).name();
        aggregateType = optionalIdentifier("aggregateType", aggregateType);
        eventType = optionalIdentifier("eventType", eventType);
        applicationVersion = optionalIdentifier("applicationVersion", applicationVersion);
        if (originRegion == null && aggregateType == null && eventType == null && applicationVersion == null) {
            throw new InvalidValueException("scope", "name at least one of originRegion, aggregateType, eventType "
                    + "or applicationVersion: a freeze of everything is not a containment");
        }
    }

    public boolean matches(EventFacts event) {
        return (originRegion == null || originRegion.equals(event.originRegion()))
                && (aggregateType == null || aggregateType.equals(event.aggregateType()))
                && (eventType == null || eventType.equals(event.eventType()))
                && (writtenSince == null || (event.appendedAt() != null && !event.appendedAt().isBefore(writtenSince)))
                && (applicationVersion == null || applicationVersion.equals(event.applicationVersion()));
    }

    /** E.g. {@code origin eu, aggregate Policy, since 2026-12-03T10:00:00Z}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (originRegion != null) {
            parts.add("origin " + originRegion);
        }
        if (aggregateType != null) {
            parts.add("aggregate " + aggregateType);
        }
        if (eventType != null) {
            parts.add("event " + eventType);
        }
        if (writtenSince != null) {
            parts.add("since " + writtenSince);
        }
        if (applicationVersion != null) {
            parts.add("version " + applicationVersion);
        }
        return String.join(", ", parts);
    }

    private static String optionalIdentifier(String name, String value) {
        return value == null || value.isBlank() ? null : Values.requireIdentifier(name, value.strip());
    }
}
