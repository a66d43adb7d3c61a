package dev.regent.infrastructure.transfer;

import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.JdbcOwnershipRegistry;
import dev.regent.infrastructure.peer.PeerRefusedException;
import dev.regent.infrastructure.peer.Peers;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * At an aggregate's new home: its owner offers it because its home moved here. This region asks for it like any
 * planned transfer, flagged as a relocation: the owner checks the move against the stream itself before releasing.
 */
@RestController
public class RelocationEndpoint {

    private final OwnershipTransfers transfers;
    private final JdbcOwnershipRegistry registry;
    private final Peers peers;
    private final Region localRegion;

    public RelocationEndpoint(OwnershipTransfers transfers, JdbcOwnershipRegistry registry, Peers peers,
                              Region localRegion) {
        this.transfers = transfers;
        this.registry = registry;
        this.peers = peers;
        this.localRegion = localRegion;
    }

    @PostMapping(path = Relocations.PATH, consumes = "application/json", produces = "application/json")
    public TransferOutcome relocate(@PathVariable String aggregateId, @RequestBody Relocations.Offer offer,
                                    Principal peer) {
        Region from = peers.of(peer);
        Ownership known = registry.find(aggregateId).orElseThrow(() -> new TransferRefusedException(aggregateId
                + " is not known in " + localRegion + " yet: offer it again once its assignment has arrived"));
        if (!known.isOwnedBy(from)) {
            throw new PeerRefusedException("Region " + from + " offers " + aggregateId + ", which " + localRegion
                    + " knows as owned by " + known.owner());
        }
        return transfers.transferHere(aggregateId, new TransferOrder("relocation: its home is now " + offer.home(),
                "region " + from, false, null, true));
    }
}
