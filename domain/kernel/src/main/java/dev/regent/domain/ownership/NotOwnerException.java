package dev.regent.domain.ownership;

/** A write reached a region that does not own the aggregate (or under an epoch that is no longer current). */
public class NotOwnerException extends RuntimeException {

    private final String aggregateId;
    private final Region refusingRegion;
    private final Region owner;

    public NotOwnerException(String aggregateId, Region refusingRegion, Region owner, String reason) {
        super("Region " + refusingRegion + " refuses to write aggregate " + aggregateId + ": " + reason);
        this.aggregateId = aggregateId;
        this.refusingRegion = refusingRegion;
        this.owner = owner;
    }

    public String aggregateId() {
        return aggregateId;
    }

    public Region refusingRegion() {
        return refusingRegion;
    }

    /** The owner as the refusing region knows it; null when it knows none. */
    public Region owner() {
        return owner;
    }
}
