package dev.regent.insurer.claims;

import dev.regent.domain.shared.Values;

import java.util.UUID;

public record ClaimId(String value) {

    public ClaimId {
        value = Values.requireIdentifier("claimId", value);
    }

    public static ClaimId generate() {
        return new ClaimId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
