package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;

import java.net.ConnectException;

/** The owner region did not answer a routed command in time (or could not be reached at all). */
public class OwnerUnavailableException extends RuntimeException {

    private final Region owner;
    private final String commandName;
    private final String policy;

    public OwnerUnavailableException(Region owner, String commandName, Throwable cause) {
        this(owner, commandName, cause, null);
    }

    private OwnerUnavailableException(Region owner, String commandName, Throwable cause, String policy) {
        super("Owner region " + owner + " did not answer " + simpleName(commandName) + ": "
                + (cause == null ? "no answer" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()))
                + (policy == null ? "" : " (failover policy " + policy + ")"), cause);
        this.owner = owner;
        this.commandName = commandName;
        this.policy = policy;
    }

    /** The same failure, naming the failover policy that answered it. */
    public OwnerUnavailableException under(String policy) {
        return new OwnerUnavailableException(owner, commandName, getCause(), policy);
    }

    /** The failover policy that answered it, when one did. */
    public String policy() {
        return policy;
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
