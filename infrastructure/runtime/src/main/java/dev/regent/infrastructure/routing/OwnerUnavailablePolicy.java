package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;
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

    /**
     * Asked before a command is sent to its owner: true when it must wait behind commands kept earlier for the same
     * aggregate (to keep their order), in which case the policy has answered {@code callback} already.
     */
    default <C, R> boolean holdsBack(CommandMessage<C> command, Region owner, CommandCallback<? super C, R> callback) {
        return false;
    }

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
