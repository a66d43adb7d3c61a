package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.EventFacts;
import dev.regent.domain.ownership.OwnershipMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.util.Objects;

/** What a freeze selects by, read from an event's coordinates and stamps (never from its payload). */
public final class EventFactsOf {

    private EventFactsOf() {
    }

    public static EventFacts of(EventMessage<?> event) {
        return new EventFacts(text(event, OwnershipMetadata.ORIGIN_REGION),
                event instanceof DomainEventMessage<?> domain ? domain.getType() : null,
                event.getPayloadType().getSimpleName(), event.getTimestamp(),
                text(event, OwnershipMetadata.APPLICATION_VERSION));
    }

    private static String text(EventMessage<?> event, String key) {
        return Objects.toString(event.getMetaData().get(key), null);
    }
}
