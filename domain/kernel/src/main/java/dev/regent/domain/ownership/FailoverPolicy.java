package dev.regent.domain.ownership;

/**
 * What a region does with a command whose owner region does not answer. Chosen per command type by the domain team
 * ({@link WhenOwnerUnavailable}), overridable by configuration; transfers of ownership are an operator's decision
 * and not a per-command policy.
 */
public enum FailoverPolicy {
    /** Fail fast: the caller learns which owner did not answer and retries later. Nothing is kept. */
    REJECT,
    /**
     * Keep the command durably where it arrived and deliver it when the owner answers again: in order per aggregate,
     * exactly once in effect (the owner remembers the command ids it applied).
     */
    QUEUE,
    /**
     * Record a provisional change where it arrived, visible there as provisional, for the owner to adjudicate when it
     * returns: accepted (the owner appends the real event) or rejected (the provisional change is withdrawn, with the
     * owner's reason). The owner rejects a change captured before its own latest change of the aggregate.
     */
    CAPTURE
}
