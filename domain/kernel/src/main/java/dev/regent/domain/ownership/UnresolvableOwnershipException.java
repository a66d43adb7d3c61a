package dev.regent.domain.ownership;

/** No region is known to own an aggregate id: an unknown id, or one whose assignment has not replicated yet. */
public class UnresolvableOwnershipException extends RuntimeException {

    private final String aggregateId;

    public UnresolvableOwnershipException(String aggregateId) {
        super("No region is known to own aggregate " + aggregateId);
        this.aggregateId = aggregateId;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
