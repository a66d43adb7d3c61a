package dev.regent.application.ownership;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OwnershipController {

    record OwnershipResponse(String aggregateId, String aggregateType, String ownerRegion, long epoch, String rule) {

        static OwnershipResponse of(Ownership ownership) {
            return new OwnershipResponse(ownership.aggregateId(), ownership.aggregateType(),
                    ownership.owner().name(), ownership.epoch(), ownership.rule());
        }
    }

    private final OwnershipRegistry registry;

    OwnershipController(OwnershipRegistry registry) {
        this.registry = registry;
    }

    /** 404 (problem) when no region is known to own the id, via {@code UnresolvableOwnershipException}. */
    @GetMapping("/ownership/{aggregateId}")
    OwnershipResponse get(@PathVariable String aggregateId) {
        return OwnershipResponse.of(registry.resolve(aggregateId));
    }
}
