package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;

import java.net.ConnectException;

/** The owner region did not answer a routed command in time (or could not be reached at all). */
public class OwnerUnavailableException extends RuntimeException {

    private final Region owner;
    private final String commandName;

    public OwnerUnavailableException(Region owner, String commandName, Throwable cause) {
        super("Owner region " + owner + " did not answer " + simpleName(commandName) + ": "
                + (cause == null ? "no answer" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage())), cause);
        this.owner = owner;
        this.commandName = commandName;
    }

    /**
     * False only when the command provably never reached the owner (the connection was refused); after a timeout the
     * owner may still have applied it.
     */
    public boolean possiblyApplied() {
        return !(getCause() instanceof ConnectException);
    }

    private static String simpleName(String commandName) {
        return commandName.substring(commandName.lastIndexOf('.') + 1);
    }

    public Region owner() {
        return owner;
    }

    public String commandName() {
        return commandName;
    }
}
