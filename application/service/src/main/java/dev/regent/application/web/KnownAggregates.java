package dev.regent.application.web;

import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.shared.InvalidValueException;
import org.springframework.stereotype.Component;

/**
 * Refuses, up front, a request that names an aggregate this region's ownership registry does not know. "Not known
 * here" is all a region can say: an aggregate created in another region a moment ago may not have reached it yet, so
 * the caller may retry, or ask the region where it was created.
 */
@Component
public class KnownAggregates {

    private final OwnershipRegistry registry;
    private final Region localRegion;

    public KnownAggregates(OwnershipRegistry registry, Region localRegion) {
        this.registry = registry;
        this.localRegion = localRegion;
    }

    /**
     * @param field         the request field that names it, e.g. {@code customerId}
     * @param what          how a user calls it, e.g. {@code customer}
     * @param aggregateType its aggregate type, e.g. {@code CustomerIdentity}
     * @throws InvalidValueException (400, naming the field) when this region knows no such aggregate
     */
    public void require(String field, String id, String what, String aggregateType) {
        boolean known = registry.find(id)
                .filter(ownership -> ownership.aggregateType().equals(aggregateType))
                .isPresent();
        if (!known) {
            throw new InvalidValueException(field, "no " + what + " " + id + " is known in region " + localRegion);
        }
    }
}
