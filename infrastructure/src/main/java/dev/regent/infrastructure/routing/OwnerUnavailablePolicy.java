package dev.regent.infrastructure.routing;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;

import static org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage;

/**
 * What happens to a command whose owner region does not answer. The seam for per-command failover policies
 * (reject, queue, capture locally, transfer); the default rejects.
 */
public interface OwnerUnavailablePolicy {

    <C, R> void onOwnerUnavailable(CommandMessage<C> command, OwnerUnavailableException failure,
                                   CommandCallback<? super C, R> callback);

    /** Fail fast: the caller sees which owner did not answer. */
    static OwnerUnavailablePolicy reject() {
        return new OwnerUnavailablePolicy() {
            @Override
            public <C, R> void onOwnerUnavailable(CommandMessage<C> command, OwnerUnavailableException failure,
                                                  CommandCallback<? super C, R> callback) {
                callback.onResult(command, asCommandResultMessage(failure));
            }
        };
    }
}
