package dev.regent.projections.replication;

import org.axonframework.eventhandling.DomainEventMessage;

import java.util.Optional;

/**
 * Whether a freeze holds an event a read model is about to apply (one that was already on its way when the freeze was
 * declared): it is parked ({@link FrozenEventException}) and the aggregate's later events wait behind it until the
 * freeze is thawed. Given by the service, which knows the freezes.
 */
@FunctionalInterface
public interface IngressHold {

    IngressHold NONE = event -> Optional.empty();

    /** @return the id of the freeze holding {@code event} */
    Optional<String> freezeHolding(DomainEventMessage<?> event);
}
