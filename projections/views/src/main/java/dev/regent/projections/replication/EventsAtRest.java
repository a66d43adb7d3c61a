package dev.regent.projections.replication;

import org.axonframework.eventhandling.EventMessage;

/**
 * How an event is kept in this region's database outside its read models' rows (held behind a gap, parked): a view
 * stores it {@link #sealed} and hands it to handlers {@link #opened}. Given by the service, which knows the residency
 * keys: personal values are kept under a key the subject's erasure shreds, so that nothing kept here outlives it.
 */
public interface EventsAtRest {

    /** Kept as handled: for a region without personal data to protect, and for tests. */
    EventsAtRest AS_HANDLED = new EventsAtRest() {
        @Override
        public <M extends EventMessage<?>> M sealed(M event) {
            return event;
        }

        @Override
        public <M extends EventMessage<?>> M opened(M event) {
            return event;
        }
    };

    /** {@code event} as it may be stored. */
    <M extends EventMessage<?>> M sealed(M event);

    /** A stored event as its handlers read it. */
    <M extends EventMessage<?>> M opened(M event);
}
