package dev.regent.domain.ownership;

import java.util.List;
import java.util.Optional;

/**
 * Answers owner region and epoch for any aggregate id, in every region. Entries are facts
 * ({@link OwnershipAssignedEvent}) replicated like other events.
 */
public interface OwnershipRegistry {

    Optional<Ownership> find(String aggregateId);

    /** Every owner the aggregate has had, by epoch, as far as this region knows. */
    List<OwnershipChange> history(String aggregateId);

    /**
     * @throws UnresolvableOwnershipException when no region is known to own {@code aggregateId}
     */
    default Ownership resolve(String aggregateId) {
        return find(aggregateId).orElseThrow(() -> new UnresolvableOwnershipException(aggregateId));
    }
}
