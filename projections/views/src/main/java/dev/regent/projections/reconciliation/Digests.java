package dev.regent.projections.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.projections.replication.VersionedViews;
import dev.regent.projections.replication.ViewStores;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Digests of view rows. On the owner: of its own aggregates, in the form a destination region should hold them. On a
 * replica: of the aggregates a given owner owns, as held. Both hash the same canonical JSON, so equal rows give equal
 * digests; bucket hashes XOR the per-aggregate hashes, so they do not depend on the order rows are read in.
 */
public class Digests {

    private final ViewStores views;
    private final ShareableForm shareableForm;
    private final Region localRegion;
    private final ParkedAggregates parked;

    public Digests(ViewStores views, ShareableForm shareableForm, Region localRegion) {
        this(views, shareableForm, localRegion, ParkedAggregates.NONE);
    }

    public Digests(ViewStores views, ShareableForm shareableForm, Region localRegion, ParkedAggregates parked) {
        this.views = views;
        this.shareableForm = shareableForm;
        this.localRegion = localRegion;
        this.parked = parked;
    }

    /** What {@code destination} should hold of this region's aggregates in {@code view}, bucket by bucket. */
    public List<BucketDigest> ownedBuckets(String view, Region destination, int buckets) {
        return summarise(buckets, consumer -> owned(view, destination, consumer));
    }

    /** The digests in some buckets (one pass over the view, however many buckets). */
    public List<Digest> ownedEntries(String view, Region destination, int buckets, Set<Integer> wanted) {
        return entries(buckets, wanted, consumer -> owned(view, destination, consumer));
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
     * for: its digest says so, with or without a row, so that replicas neither take their rows for orphans nor
     * "repair" them from events that would only park again.
     */
    private void owned(String view, Region destination, Consumer<Digest> consumer) {
        VersionedViews<?> rows = rows(view);
        Set<String> parkedHere = parked.of(view, localRegion);
        rows.forEachRow(localRegion, row -> consumer.accept(new Digest(row.aggregateId(), row.lastSequence(),
                row.readable() && !parkedHere.contains(row.aggregateId())
                        ? hash(rows.canonical(shareableForm.forDestination(row.state(), localRegion, destination)))
                        : Digest.UNREADABLE)));
        Set<String> withoutRow = new HashSet<>(parkedHere);
        withoutRow.removeAll(rows.withRows(parkedHere));
        withoutRow.forEach(aggregateId -> consumer.accept(new Digest(aggregateId, -1, Digest.UNREADABLE)));
    }

    private void held(String view, Region owner, Consumer<Digest> consumer) {
        VersionedViews<?> rows = rows(view);
        rows.forEachRow(owner, row -> consumer.accept(new Digest(row.aggregateId(), row.lastSequence(),
                row.readable() ? hash(rows.canonical(row.state())) : Digest.UNREADABLE)));
    }

    private VersionedViews<?> rows(String view) {
        return views.rows(view).orElseThrow(() -> new IllegalArgumentException("No read model named '" + view + "'"));
    }

    private static List<BucketDigest> summarise(int buckets, Consumer<Consumer<Digest>> source) {
        checkBuckets(buckets);
        long[] counts = new long[buckets];
        long[] hashes = new long[buckets];
        source.accept(digest -> {
            int bucket = bucketOf(digest.aggregateId(), buckets);
            counts[bucket]++;
            hashes[bucket] ^= entryHash(digest);
        });
        List<BucketDigest> summary = new ArrayList<>(buckets);
        for (int bucket = 0; bucket < buckets; bucket++) {
            summary.add(new BucketDigest(bucket, counts[bucket], Long.toHexString(hashes[bucket])));
        }
        return summary;
    }

    private static List<Digest> entries(int buckets, Set<Integer> wanted, Consumer<Consumer<Digest>> source) {
        checkBuckets(buckets);
        wanted.stream().filter(bucket -> bucket < 0 || bucket >= buckets).findFirst().ifPresent(bucket -> {
            throw new IllegalArgumentException("buckets go from 0 to " + (buckets - 1) + ", not " + bucket);
        });
        List<Digest> entries = new ArrayList<>();
        source.accept(digest -> {
            if (wanted.contains(bucketOf(digest.aggregateId(), buckets))) {
                entries.add(digest);
            }
        });
        return entries;
    }

    private static void checkBuckets(int buckets) {
        if (buckets < 1 || buckets > 65_536) {
            throw new IllegalArgumentException("buckets must be between 1 and 65536, was " + buckets);
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
