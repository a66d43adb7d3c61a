package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.HomeChanged;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.UnknownJurisdictionException;
import dev.regent.domain.ownership.OwnershipAssignedEvent;
import dev.regent.domain.ownership.OwnershipTransferredEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.transfer.FencedWrites;
import dev.regent.infrastructure.transfer.Handovers;
import dev.regent.infrastructure.transfer.Relocations;
import org.axonframework.eventhandling.DomainEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Learns other regions' ownership assignments and transfers from the replicated event streams. Its own assignments are already in
 * the registry (written with the aggregate's first event); seeing them again changes nothing.
 */
@ProcessingGroup(OwnershipRegistryProjection.PROCESSING_GROUP)
public class OwnershipRegistryProjection {

    private static final Logger log = LoggerFactory.getLogger(OwnershipRegistryProjection.class);
    private static final Pattern HOME_RULE = Pattern.compile("HOME\\((.+)\\)");

    public static final String PROCESSING_GROUP = "regent-ownership-registry";

    private final JdbcOwnershipRegistry registry;
    private final FencedWrites fencedWrites;
    private final Handovers handovers;
    private final Relocations relocations;
    private final JurisdictionMap jurisdictions;
    private final Region localRegion;

    public OwnershipRegistryProjection(JdbcOwnershipRegistry registry, FencedWrites fencedWrites,
                                       Handovers handovers, Relocations relocations, JurisdictionMap jurisdictions,
                                       Region localRegion) {
        this.registry = registry;
        this.fencedWrites = fencedWrites;
        this.handovers = handovers;
        this.relocations = relocations;
        this.jurisdictions = jurisdictions;
        this.localRegion = localRegion;
    }

    @EventHandler
    void on(OwnershipAssignedEvent event, @Timestamp Instant assignedAt) {
        registry.recordReplicated(event.ownership(), assignedAt);
    }

    /**
     * A transfer fences this region if it was the owner and never released the aggregate (it was cut off, and another
     * region took over): what it appended past the takeover point is reported, and its later appends are refused. A
     * handover this region made up to that epoch is settled.
     */
    @EventHandler
    void on(OwnershipTransferredEvent event, @Timestamp Instant transferredAt) {
        Optional<Ownership> before = registry.recordTransfer(event.ownership(), event.why(), transferredAt);
        handovers.settled(event.aggregateId(), event.epoch());
        boolean fencedHere = before.filter(known -> known.isOwnedBy(localRegion))
                .filter(known -> known.epoch() < event.epoch()).isPresent();
        if (fencedHere) {
            fencedWrites.report(event.aggregateId(), event.fromSequence(), event.toRegion(), event.epoch());
        }
    }

    /**
     * This region, the owner, recorded a new home for a HOME-owned aggregate: when the home is another region's
     * jurisdiction, the aggregate is to be relocated there (offered until taken over).
     */
    @EventHandler
    void on(HomeChanged event, DomainEventMessage<?> message) {
        boolean appendedHere = OwnershipMetadata.region(message.getMetaData(), OwnershipMetadata.ORIGIN_REGION)
                .filter(localRegion::equals).isPresent();
        Optional<Ownership> owned = registry.find(message.getAggregateIdentifier())
                .filter(ownership -> ownership.isOwnedBy(localRegion));
        Matcher home = HOME_RULE.matcher(owned.map(Ownership::rule).orElse(""));
        if (!appendedHere || !home.matches()) {
            return;
        }
        try {
            Region newHome = jurisdictions.regionFor(home.group(1), event.home());
            if (!newHome.equals(localRegion)) {
                relocations.homeMoved(message.getAggregateIdentifier(), newHome, event.home());
            }
        } catch (UnknownJurisdictionException unknown) {
            log.warn("{} moved to {}, which no region is home for: it stays in {}", message.getAggregateIdentifier(),
                    event.home(), localRegion);
        }
    }
}
