package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
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

import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** The owner's side: what another region should hold of this region's aggregates, and republishing on request. */
@RestController
class ReconciliationEndpoint {

    private final Digests digests;
    private final Resynchronizer resynchronizer;

    ReconciliationEndpoint(Digests digests, Resynchronizer resynchronizer) {
        this.digests = digests;
        this.resynchronizer = resynchronizer;
    }

    @GetMapping("/internal/reconciliation/{view}/buckets")
    List<BucketDigest> buckets(@PathVariable String view, @RequestParam("for") String destination,
                               @RequestParam int buckets) {
        return digests.ownedBuckets(view, Region.of(destination), buckets);
    }

    @PostMapping("/internal/reconciliation/{view}/entries")
    List<Digest> entries(@PathVariable String view, @RequestParam("for") String destination,
                         @RequestParam int buckets, @RequestBody List<Integer> wanted) {
        return digests.ownedEntries(view, Region.of(destination), buckets, new HashSet<>(wanted));
    }

    @PostMapping("/internal/reconciliation/resync")
    Map<String, Long> resync(@RequestParam("for") String destination, @RequestBody List<String> aggregateIds) {
        return Map.of("events", resynchronizer.resync(Region.of(destination), aggregateIds));
    }
}
