package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;

/**
 * The owner region answered a routed command with an error. Carries the owner's status and problem body verbatim, so
 * that the caller sees exactly what it would have seen calling the owner.
 */
public class RemoteCommandRejectedException extends RuntimeException {

    private final Region owner;
    private final int status;
    private final String problemJson;

    public RemoteCommandRejectedException(Region owner, int status, String problemJson) {
        super("Owner region " + owner + " answered " + status + ": " + problemJson);
        this.owner = owner;
        this.status = status;
        this.problemJson = problemJson;
    }

    public Region owner() {
        return owner;
    }

    public int status() {
        return status;
    }

    public String problemJson() {
        return problemJson;
    }
}
