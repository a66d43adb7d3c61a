package dev.regent.application.web;

import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.projections.replication.VersionedView;
import org.springframework.stereotype.Component;

/**
 * The owner a read answers is the registry's, not the row's: a row says which region appended the last event it
 * applied, and after a transfer the aggregate's owner is another region until it appends.
 */
@Component
public class CurrentOwners {

    private final OwnershipRegistry registry;

    CurrentOwners(OwnershipRegistry registry) {
        this.registry = registry;
    }

    public String of(VersionedView<?> view) {
        return registry.find(view.aggregateId()).map(ownership -> ownership.owner().name())
                .orElse(view.owner().name());
    }
}
