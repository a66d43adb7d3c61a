package dev.regent.application.reconciliation;

import dev.regent.infrastructure.peer.Peers;
import dev.regent.infrastructure.kafka.Resynchronizer;
import dev.regent.projections.reconciliation.BucketDigest;
import dev.regent.projections.reconciliation.Digest;
import dev.regent.projections.reconciliation.Digests;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The owner's side: what another region should hold of this region's aggregates, and republishing on request. A
 * peer asks only for itself: digests and events go out as the residency policy lets that region see them, so the
 * region named ({@code for}) must be the authenticated peer's own.
 */
@RestController
class ReconciliationEndpoint {

    private final Digests digests;
    private final Resynchronizer resynchronizer;
    private final Peers peers;

    ReconciliationEndpoint(Digests digests, Resynchronizer resynchronizer, Peers peers) {
        this.digests = digests;
        this.resynchronizer = resynchronizer;
        this.peers = peers;
    }

    @GetMapping("/internal/reconciliation/{view}/buckets")
    List<BucketDigest> buckets(@PathVariable String view, @RequestParam("for") String destination,
                               @RequestParam int buckets, Principal peer) {
        return digests.ownedBuckets(view, peers.requireNamed(peer, destination, "digests"), buckets);
    }

    @PostMapping("/internal/reconciliation/{view}/entries")
    List<Digest> entries(@PathVariable String view, @RequestParam("for") String destination,
                         @RequestParam int buckets, @RequestBody List<Integer> wanted, Principal peer) {
        return digests.ownedEntries(view, peers.requireNamed(peer, destination, "digests"), buckets,
                new HashSet<>(wanted));
    }

    @PostMapping("/internal/reconciliation/resync")
    Map<String, Long> resync(@RequestParam("for") String destination, @RequestBody List<String> aggregateIds,
                             Principal peer) {
        return Map.of("events", resynchronizer.resync(peers.requireNamed(peer, destination, "a resync"),
                aggregateIds));
    }
}
