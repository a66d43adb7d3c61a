package dev.regent.insurer.policy;

import dev.regent.domain.shared.Values;

import java.util.UUID;

public record PolicyId(String value) {

    public PolicyId {
        value = Values.requireIdentifier("policyId", value);
    }

    public static PolicyId generate() {
        return new PolicyId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
