package dev.regent.infrastructure.ownership;

/**
 * Asked, at the owner, before a command to one of its aggregates is handled: whether writes to it are allowed now
 * (a freeze may refuse them). Throws to refuse.
 */
@FunctionalInterface
public interface WriteGate {

    WriteGate OPEN = (aggregateType, aggregateId) -> { };

    void check(String aggregateType, String aggregateId);
}
