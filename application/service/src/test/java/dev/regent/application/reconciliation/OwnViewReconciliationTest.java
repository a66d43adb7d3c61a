package dev.regent.application.reconciliation;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnViewReconciliationTest {

    @Test
    void givenAWindowOfTwoOfFiveBuckets_whenRunsFollowEachOther_thenEachFoldsTheNextTwo_andEveryBucketHasItsTurn() {
        OwnViewReconciliation reconciliation = new OwnViewReconciliation(null, null, settings(5, 2), 0);

        List<Set<Integer>> windows = IntStream.range(0, 5).mapToObj(run -> reconciliation.nextContentWindow())
                .toList();

        assertThat(windows).containsExactly(Set.of(0, 1), Set.of(2, 3), Set.of(4, 0), Set.of(1, 2), Set.of(3, 4));
    }

    @Test
    void givenNoWindow_thenNoContentIsFolded_andAWindowWiderThanTheBucketsIsRefused() {
        assertThat(new OwnViewReconciliation(null, null, settings(5, 0)).nextContentWindow()).isEmpty();
        assertThat(new OwnViewReconciliation(null, null, settings(5, 5)).nextContentWindow())
                .as("from wherever it starts").containsExactlyInAnyOrder(0, 1, 2, 3, 4);
        assertThatThrownBy(() -> settings(5, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("owner-content-buckets must be 0 to regent.reconciliation.buckets (5)");
        assertThat(new ReconciliationSettings(null, null, null, null, null, null).ownerContentBuckets()).isEqualTo(1);
    }

    private static ReconciliationSettings settings(int buckets, int ownerContentBuckets) {
        return new ReconciliationSettings(buckets, null, null, null, null, ownerContentBuckets);
    }
}
