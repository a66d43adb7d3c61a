package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

import java.util.UUID;

public record CustomerId(String value) {

    public CustomerId {
        value = Values.requireIdentifier("customerId", value);
    }

    public static CustomerId generate() {
        return new CustomerId(UUID.randomUUID().toString());
    }

    /** Axon uses {@code toString()} as the aggregate identifier in the event store and for routing. */
    @Override
    public String toString() {
        return value;
    }
}
