package dev.regent.domain.containment;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/**
 * The correction an owner appends to an aggregate's stream when an operator voids some of its events: never a rewrite.
 * From then on the store hands each voided event out as a {@link VoidedEvent} in its place (same id and sequence), so
 * loading the aggregate, read models, rebuilds and reconciliation skip it; a read model that had applied one is made
 * again from the aggregate's history.
 *
 * @param voidId   names the operator's void, shared by every aggregate it corrected
 * @param events   the events voided, in sequence order
 * @param voidedBy the operator, as authenticated
 */
@Revision("1")
public record EventsVoided(String voidId, List<Voided> events, String reason, String voidedBy, Instant voidedAt) {

    public EventsVoided {
        if (events == null || events.isEmpty()) {
            throw new IllegalArgumentException("A void names at least one event");
        }
        events = List.copyOf(events);
    }

    /** The lowest sequence voided: a read model that had applied nothing from it on has nothing to undo. */
    public long firstSequence() {
        return events.stream().mapToLong(Voided::sequenceNumber).min().orElseThrow();
    }

    /** One voided event: its id, where it stood in its aggregate's stream, and its payload type's simple name. */
    public record Voided(String eventId, long sequenceNumber, String eventType) {
    }
}
