package dev.regent.projections.reconciliation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Classifies the differences between an owner's digests and a replica's, aggregate by aggregate. */
public final class DriftComparison {

    private DriftComparison() {
    }

    /** Buckets whose count or hash differ: the only ones worth comparing in detail. */
    public static List<Integer> differingBuckets(List<BucketDigest> owner, List<BucketDigest> replica) {
        if (owner.size() != replica.size()) {
            throw new IllegalArgumentException("Bucket counts differ: " + owner.size() + " vs " + replica.size());
        }
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < owner.size(); i++) {
            if (!owner.get(i).equals(replica.get(i))) {
                differing.add(owner.get(i).bucket());
            }
        }
        return differing;
    }

    public static List<Drift> compare(String view, String ownerRegion, Collection<Digest> owner,
                                      Collection<Digest> replica) {
        Map<String, Digest> held = new LinkedHashMap<>();
        replica.forEach(digest -> held.put(digest.aggregateId(), digest));
        List<Drift> drifts = new ArrayList<>();
        for (Digest expected : owner) {
            Digest actual = held.remove(expected.aggregateId());
            if (expected.unreadable()) {
                // The owner cannot say what the replica should hold: only a replica row no one can read is reported.
                if (actual != null && actual.unreadable()) {
                    drifts.add(new Drift(view, expected.aggregateId(), ownerRegion, DriftClass.UNREADABLE,
                            expected.sequence(), actual.sequence()));
                }
            } else if (actual != null && actual.unreadable()) {
                drifts.add(new Drift(view, expected.aggregateId(), ownerRegion, DriftClass.UNREADABLE,
                        expected.sequence(), actual.sequence()));
            } else if (actual == null) {
                drifts.add(new Drift(view, expected.aggregateId(), ownerRegion, DriftClass.MISSING,
                        expected.sequence(), -1));
            } else if (actual.sequence() < expected.sequence()) {
                drifts.add(new Drift(view, expected.aggregateId(), ownerRegion, DriftClass.STALE,
                        expected.sequence(), actual.sequence()));
            } else if (!actual.equals(expected)) {
                drifts.add(new Drift(view, expected.aggregateId(), ownerRegion, DriftClass.DIVERGED,
                        expected.sequence(), actual.sequence()));
            }
        }
        held.values().forEach(orphan -> drifts.add(new Drift(view, orphan.aggregateId(), ownerRegion,
                DriftClass.ORPHANED, -1, orphan.sequence())));
        return drifts;
    }
}
