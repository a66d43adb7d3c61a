package dev.regent.infrastructure.containment;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Egress asks before publishing toward a destination: an event an active freeze selects is held, not published. */
public class EgressHold {

    private static final Logger log = LoggerFactory.getLogger(EgressHold.class);

    private final Freezes freezes;
    private final FrozenEgress frozen;

    public EgressHold(Freezes freezes, FrozenEgress frozen) {
        this.freezes = freezes;
        this.frozen = frozen;
    }

    /** @return whether {@code event} was held (and so must not be published toward {@code destination}) */
    public boolean held(EventMessage<?> event, String destination) {
        if (!(event instanceof DomainEventMessage<?> domainEvent)) {
            return false;
        }
        Optional<Freeze> freeze = freezes.holding(event);
        if (freeze.isEmpty()) {
            return false;
        }
        frozen.hold(freeze.get(), destination, domainEvent);
        log.debug("Held {} #{} toward {} under freeze {}", domainEvent.getAggregateIdentifier(),
                domainEvent.getSequenceNumber(), destination, freeze.get().id());
        return true;
    }
}
