package dev.regent.application.web;

import dev.regent.projections.deadletter.ParkedEvent;

/** A read model has no row for an aggregate because it parked the aggregate's first event: a fault, not an absence. */
public class ParkedAggregateException extends RuntimeException {

    private final transient ParkedEvent letter;

    public ParkedAggregateException(ParkedEvent letter) {
        super("The " + letter.view() + " view of this region could not apply " + letter.aggregateId() + "'s event #"
                + letter.sequenceNumber() + " (" + letter.reason() + ") and parked it: see GET /dead-letters?view="
                + letter.view());
        this.letter = letter;
    }

    public ParkedEvent letter() {
        return letter;
    }
}
