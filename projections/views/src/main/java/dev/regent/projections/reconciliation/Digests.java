package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.VersionedViews;
import dev.regent.projections.replication.ViewStores;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Digests of view rows. On the owner: of its own aggregates as its event store says they are, in the form a
 * destination region should hold them. On a replica: of the aggregates a given owner owns, as held. Both hash the
 * same canonical JSON, so equal rows give equal digests; bucket hashes XOR the per-aggregate hashes, so they do not
 * depend on the order rows are read in.
 *
 * <p>The owner's side is verified against its event store: which aggregates exist and their last sequence come from
 * the store ({@link StoredSequences}); the content hash is that of the owner's view row, taken only where the row is
 * at the store's sequence. Where it is not (the owner's own view drifted: row missing, behind or ahead), the digest
 * says {@link Digest#UNREADABLE} ("cannot vouch"), so that no replica is repaired toward the owner's wrong view; the
 * owner's own run repairs its view from the store. A row the store has no events of is no aggregate at all.
 */
public class Digests {

    /** The "content" of a version-only digest: the owner's own check compares ids and sequences. */
    static final String VERSION_ONLY = "";

    private final ViewStores views;
    private final ShareableForm shareableForm;
    private final Region localRegion;
    private final ParkedAggregates parked;
    private final StoredSequences store;

    public Digests(ViewStores views, ShareableForm shareableForm, Region localRegion, ParkedAggregates parked,
                   StoredSequences store) {
        this.views = views;
        this.shareableForm = shareableForm;
        this.localRegion = localRegion;
        this.parked = parked;
        this.store = store;
    }

    /**
     * What {@code destination} should hold of this region's aggregates in {@code view}, bucket by bucket. One pass
     * over the store's sequences and one over the view; buckets where the two disagree on versions (the owner's view
     * drifted there) are computed again, aggregate by aggregate, as {@link #ownedEntries} answers them.
     */
    public List<BucketDigest> ownedBuckets(String view, Region destination, int buckets) {
        checkBuckets(buckets);
        VersionedViews<?> rows = rows(view);
        BucketSums stored = new BucketSums(buckets);
        BucketSums viewed = new BucketSums(buckets);
        BucketSums content = new BucketSums(buckets);
        store.forEach(rows.aggregateType(), localRegion, (aggregateId, sequence) ->
                stored.add(new Digest(aggregateId, sequence, VERSION_ONLY)));
        Set<String> parkedHere = parked.of(view, localRegion);
        rows.forEachRow(localRegion, row -> {
            viewed.add(new Digest(row.aggregateId(), row.lastSequence(), VERSION_ONLY));
            content.add(new Digest(row.aggregateId(), row.lastSequence(), contentHash(rows, row, parkedHere,
                    destination)));
        });
        Set<Integer> drifted = new HashSet<>(DriftComparison.differingBuckets(stored.summary(), viewed.summary()));
        if (drifted.isEmpty()) {
            return content.summary();
        }
        BucketSums verified = new BucketSums(buckets);
        ownedEntries(view, destination, buckets, drifted).forEach(verified::add);
        List<BucketDigest> summary = new ArrayList<>(content.summary());
        List<BucketDigest> verifiedSummary = verified.summary();
        drifted.forEach(bucket -> summary.set(bucket, verifiedSummary.get(bucket)));
        return summary;
    }

    /**
     * The digests in some buckets (one pass over the store's sequences and one over the view, however many buckets):
     * every aggregate the store has, at the store's sequence, with the view row's content where the row is at that
     * sequence, readable and not parked, else {@link Digest#UNREADABLE}.
     */
    public List<Digest> ownedEntries(String view, Region destination, int buckets, Set<Integer> wanted) {
        checkWanted(buckets, wanted);
        VersionedViews<?> rows = rows(view);
        Map<String, Long> stored = new HashMap<>();
        store.forEach(rows.aggregateType(), localRegion, (aggregateId, sequence) -> {
            if (wanted.contains(bucketOf(aggregateId, buckets))) {
                stored.put(aggregateId, sequence);
            }
        });
        Set<String> parkedHere = parked.of(view, localRegion);
        List<Digest> entries = new ArrayList<>(stored.size());
        rows.forEachRow(localRegion, row -> {
            Long sequence = stored.remove(row.aggregateId());
            if (sequence != null) {
                entries.add(new Digest(row.aggregateId(), sequence, sequence == row.lastSequence()
                        ? contentHash(rows, row, parkedHere, destination) : Digest.UNREADABLE));
            }
        });
        stored.forEach((aggregateId, sequence) -> entries.add(new Digest(aggregateId, sequence, Digest.UNREADABLE)));
        return entries;
    }

    /** What this region holds, in {@code view}, of the aggregates {@code owner} owns. */
    public List<BucketDigest> replicaBuckets(String view, Region owner, int buckets) {
        return summarise(buckets, consumer -> held(view, owner, consumer));
    }

    public List<Digest> replicaEntries(String view, Region owner, int buckets, Set<Integer> wanted) {
        return entries(buckets, wanted, consumer -> held(view, owner, consumer));
    }

    public static int bucketOf(String aggregateId, int buckets) {
        return Math.floorMod(aggregateId.hashCode(), buckets);
    }

    /**
     * An aggregate whose events the owner's view parked (or whose row it cannot read) has no state the owner can vouch
     * for: its digest says so, so that replicas neither take their rows for orphans nor "repair" them from events that
     * would only park again.
     */
    private String contentHash(VersionedViews<?> rows, VersionedViews.StoredRow<?> row, Set<String> parkedHere,
                               Region destination) {
        return row.readable() && !parkedHere.contains(row.aggregateId())
                ? hash(rows.canonical(shareableForm.forDestination(row.state(), localRegion, destination)))
                : Digest.UNREADABLE;
    }

    private void held(String view, Region owner, Consumer<Digest> consumer) {
        VersionedViews<?> rows = rows(view);
        rows.forEachRow(owner, row -> consumer.accept(new Digest(row.aggregateId(), row.lastSequence(),
                row.readable() ? hash(rows.canonical(row.state())) : Digest.UNREADABLE)));
    }

    private VersionedViews<?> rows(String view) {
        return views.rows(view).orElseThrow(() -> new IllegalArgumentException("No read model named '" + view + "'"));
    }

    static List<BucketDigest> summarise(int buckets, Consumer<Consumer<Digest>> source) {
        checkBuckets(buckets);
        BucketSums sums = new BucketSums(buckets);
        source.accept(sums::add);
        return sums.summary();
    }

    static List<Digest> entries(int buckets, Set<Integer> wanted, Consumer<Consumer<Digest>> source) {
        checkWanted(buckets, wanted);
        List<Digest> entries = new ArrayList<>();
        source.accept(digest -> {
            if (wanted.contains(bucketOf(digest.aggregateId(), buckets))) {
                entries.add(digest);
            }
        });
        return entries;
    }

    private static void checkWanted(int buckets, Set<Integer> wanted) {
        checkBuckets(buckets);
        wanted.stream().filter(bucket -> bucket < 0 || bucket >= buckets).findFirst().ifPresent(bucket -> {
            throw new IllegalArgumentException("buckets go from 0 to " + (buckets - 1) + ", not " + bucket);
        });
    }

    private static void checkBuckets(int buckets) {
        if (buckets < 1 || buckets > 65_536) {
            throw new IllegalArgumentException("buckets must be between 1 and 65536, was " + buckets);
        }
    }

    /** Digests summed into buckets as they come: a count and an XOR of entry hashes per bucket. */
    private static final class BucketSums {

        private final long[] counts;
        private final long[] hashes;

        BucketSums(int buckets) {
            counts = new long[buckets];
            hashes = new long[buckets];
        }

        void add(Digest digest) {
            int bucket = bucketOf(digest.aggregateId(), counts.length);
            counts[bucket]++;
            hashes[bucket] ^= entryHash(digest);
        }

        List<BucketDigest> summary() {
            List<BucketDigest> summary = new ArrayList<>(counts.length);
            for (int bucket = 0; bucket < counts.length; bucket++) {
                summary.add(new BucketDigest(bucket, counts[bucket], Long.toHexString(hashes[bucket])));
            }
            return summary;
        }
    }

    private static long entryHash(Digest digest) {
        byte[] hash = sha256(digest.aggregateId() + "|" + digest.sequence() + "|" + digest.contentHash());
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (hash[i] & 0xff);
        }
        return value;
    }

    static String hash(String canonicalJson) {
        return HexFormat.of().formatHex(sha256(canonicalJson), 0, 16);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
