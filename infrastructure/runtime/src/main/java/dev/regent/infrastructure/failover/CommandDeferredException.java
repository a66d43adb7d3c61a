package dev.regent.infrastructure.failover;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;

/**
 * The owner did not answer and the command's policy kept it for later (queued, or captured provisionally). Not a
 * failure for the caller: an API answers it with 202 and the request to follow.
 */
public class CommandDeferredException extends RuntimeException {

    private final String requestId;
    private final FailoverPolicy policy;
    private final Region owner;

    public CommandDeferredException(String requestId, FailoverPolicy policy, Region owner, String commandName) {
        super("Owner region " + owner + " did not answer; " + commandName.substring(commandName.lastIndexOf('.') + 1)
                + (policy == FailoverPolicy.CAPTURE ? " was captured provisionally, for " + owner + " to adjudicate"
                : " was queued") + " when it answers again (request " + requestId + ")", null, false, false);
        this.requestId = requestId;
        this.policy = policy;
        this.owner = owner;
    }

    public String requestId() {
        return requestId;
    }

    public FailoverPolicy policy() {
        return policy;
    }

    /** {@code QUEUED} or {@code CAPTURED}: the request's status as its requester sees it. */
    public String status() {
        return policy == FailoverPolicy.CAPTURE ? "CAPTURED" : "QUEUED";
    }

    public Region owner() {
        return owner;
    }
}
