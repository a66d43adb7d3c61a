package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.OwnershipAssignedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;

/**
 * Learns other regions' ownership assignments from the replicated event streams. Its own assignments are already in
 * the registry (written with the aggregate's first event); seeing them again changes nothing.
 */
@ProcessingGroup(OwnershipRegistryProjection.PROCESSING_GROUP)
public class OwnershipRegistryProjection {

    public static final String PROCESSING_GROUP = "regent-ownership-registry";

    private final JdbcOwnershipRegistry registry;

    public OwnershipRegistryProjection(JdbcOwnershipRegistry registry) {
        this.registry = registry;
    }

    @EventHandler
    void on(OwnershipAssignedEvent event, @Timestamp Instant assignedAt) {
        registry.recordReplicated(event.ownership(), assignedAt);
    }
}
