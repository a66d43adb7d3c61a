package dev.regent.domain.ownership;

/**
 * Who owns an aggregate, and under which epoch. The epoch starts at 1 and rises on every ownership transfer; a write
 * carrying an older epoch is refused, so two regions can never both append to one aggregate.
 */
public record Ownership(String aggregateId, String aggregateType, Region owner, long epoch, String rule) {

    public static final long FIRST_EPOCH = 1;

    public Ownership {
        if (aggregateId == null || aggregateId.isBlank()) {
            throw new IllegalArgumentException("aggregateId is required");
        }
        if (aggregateType == null || aggregateType.isBlank()) {
            throw new IllegalArgumentException("aggregateType is required");
        }
        if (owner == null) {
            throw new IllegalArgumentException("owner is required");
        }
        if (epoch < FIRST_EPOCH) {
            throw new IllegalArgumentException("epoch starts at " + FIRST_EPOCH + ", was " + epoch);
        }
    }

    public boolean isOwnedBy(Region region) {
        return owner.equals(region);
    }
}
