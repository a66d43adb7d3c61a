package dev.regent.infrastructure.failover;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;

import java.time.Instant;

/** A command kept for an owner that did not answer; {@code command} is its wire form, dropped once settled. */
public record DeferredCommand(long seq, String requestId, FailoverPolicy policy, String commandName,
                              String aggregateId, Region owner, String command, String status, int attempts,
                              String lastError, Instant acceptedAt) {

    public String simpleCommandName() {
        return commandName.substring(commandName.lastIndexOf('.') + 1);
    }
}
