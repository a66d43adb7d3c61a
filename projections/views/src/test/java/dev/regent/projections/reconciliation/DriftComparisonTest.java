package dev.regent.projections.reconciliation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an owner's digests and a replica's compare, aggregate by aggregate and bucket by bucket. */
class DriftComparisonTest {

    private static final String VIEW = "customers";
    private static final String OWNER = "eu";

    @Test
    void givenEqualDigests_whenCompared_thenThereIsNoDrift() {
        List<Digest> digests = List.of(new Digest("a", 3, "h3"), new Digest("b", 0, "h0"));

        assertThat(DriftComparison.compare(VIEW, OWNER, digests, List.copyOf(digests))).isEmpty();
    }

    @Test
    void givenAnAggregateTheReplicaDoesNotHold_thenItIsMissing() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(new Digest("a", 2, "h2")), List.of());

        assertThat(drifts).containsExactly(new Drift(VIEW, "a", OWNER, DriftClass.MISSING, 2, -1));
    }

    @Test
    void givenAReplicaBehindTheOwner_thenItIsStale_whateverItsContent() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(new Digest("a", 4, "h4")),
                List.of(new Digest("a", 1, "h1")));

        assertThat(drifts).containsExactly(new Drift(VIEW, "a", OWNER, DriftClass.STALE, 4, 1));
    }

    @Test
    void givenTheSameSequenceWithAnotherHash_thenItIsDiverged() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(new Digest("a", 2, "owners")),
                List.of(new Digest("a", 2, "replicas")));

        assertThat(drifts).containsExactly(new Drift(VIEW, "a", OWNER, DriftClass.DIVERGED, 2, 2));
    }

    @Test
    void givenAReplicaAheadOfItsOwner_thenItIsDiverged_evenWithTheSameHash() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(new Digest("a", 2, "same")),
                List.of(new Digest("a", 5, "same")));

        assertThat(drifts).containsExactly(new Drift(VIEW, "a", OWNER, DriftClass.DIVERGED, 2, 5));
    }

    @Test
    void givenAReplicaRowNoOneCanRead_thenItIsUnreadable() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(new Digest("a", 2, "h2")),
                List.of(new Digest("a", 2, Digest.UNREADABLE)));

        assertThat(drifts).containsExactly(new Drift(VIEW, "a", OWNER, DriftClass.UNREADABLE, 2, 2));
    }

    @Test
    void givenAnOwnerThatCannotVouchForAnAggregate_thenAReadableOrAbsentReplicaIsLeftAlone_andAnUnreadableReported() {
        List<Digest> owner = List.of(new Digest("parked", -1, Digest.UNREADABLE),
                new Digest("kept", 3, Digest.UNREADABLE), new Digest("broken", 0, Digest.UNREADABLE));
        List<Digest> replica = List.of(new Digest("kept", 3, "h3"), new Digest("broken", 0, Digest.UNREADABLE));

        assertThat(DriftComparison.compare(VIEW, OWNER, owner, replica)).as("neither missing nor orphaned")
                .containsExactly(new Drift(VIEW, "broken", OWNER, DriftClass.UNREADABLE, 0, 0));
    }

    @Test
    void givenAnAggregateTheOwnerDoesNotHave_thenItIsOrphaned() {
        List<Drift> drifts = DriftComparison.compare(VIEW, OWNER, List.of(), List.of(new Digest("z", 7, "h7")));

        assertThat(drifts).containsExactly(new Drift(VIEW, "z", OWNER, DriftClass.ORPHANED, -1, 7));
    }

    @Test
    void givenEveryKindOfDriftAtOnce_thenEachAggregateIsClassifiedOnce_andCleanOnesAreLeftOut() {
        List<Digest> owner = List.of(new Digest("clean", 1, "c"), new Digest("missing", 0, "m"),
                new Digest("stale", 3, "s3"), new Digest("diverged", 2, "d"));
        List<Digest> replica = List.of(new Digest("orphan", 0, "o"), new Digest("diverged", 2, "x"),
                new Digest("stale", 2, "s2"), new Digest("clean", 1, "c"));

        assertThat(DriftComparison.compare(VIEW, OWNER, owner, replica)).containsExactlyInAnyOrder(
                new Drift(VIEW, "missing", OWNER, DriftClass.MISSING, 0, -1),
                new Drift(VIEW, "stale", OWNER, DriftClass.STALE, 3, 2),
                new Drift(VIEW, "diverged", OWNER, DriftClass.DIVERGED, 2, 2),
                new Drift(VIEW, "orphan", OWNER, DriftClass.ORPHANED, -1, 0));
    }

    @Test
    void givenBucketsDifferingInHashOrCount_thenOnlyThoseAreDiffering() {
        List<BucketDigest> owner = List.of(new BucketDigest(0, 2, "aa"), new BucketDigest(1, 1, "bb"),
                new BucketDigest(2, 0, "0"), new BucketDigest(3, 4, "dd"));
        List<BucketDigest> replica = List.of(new BucketDigest(0, 2, "aa"), new BucketDigest(1, 1, "b0"),
                new BucketDigest(2, 1, "0"), new BucketDigest(3, 4, "dd"));

        assertThat(DriftComparison.differingBuckets(owner, replica)).containsExactly(1, 2);
        assertThat(DriftComparison.differingBuckets(owner, owner)).isEmpty();
    }

    @Test
    void givenSummariesOfDifferentBucketCounts_thenTheyAreNotCompared() {
        List<BucketDigest> four = List.of(new BucketDigest(0, 0, "0"), new BucketDigest(1, 0, "0"),
                new BucketDigest(2, 0, "0"), new BucketDigest(3, 0, "0"));

        assertThatThrownBy(() -> DriftComparison.differingBuckets(four, four.subList(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 vs 2");
    }
}
