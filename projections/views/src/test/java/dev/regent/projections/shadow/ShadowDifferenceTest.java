package dev.regent.projections.shadow;

import dev.regent.projections.shadow.ShadowDifference.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShadowDifferenceTest {

    @Test
    void givenWhereARowIs_whenClassified_thenOnlyInTheShadowIsAddedOnlyLiveIsRemovedBothIsChanged() {
        assertThat(Kind.of(true, false)).isEqualTo(Kind.ADDED);
        assertThat(Kind.of(false, true)).isEqualTo(Kind.REMOVED);
        assertThat(Kind.of(true, true)).isEqualTo(Kind.CHANGED);
        assertThatThrownBy(() -> Kind.of(false, false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenMoreRowsThanTheSample_whenTallied_thenEveryRowIsCountedAndTheFirstOnesNamed() {
        ShadowDifference.Tally tally = new ShadowDifference.Tally(2);
        for (String id : new String[]{"a", "b", "c"}) {
            tally.add(Kind.CHANGED, id);
        }
        tally.add(Kind.REMOVED, "z");

        ShadowDifference difference = tally.result();

        assertThat(difference.changed()).isEqualTo(3);
        assertThat(difference.changedSample()).containsExactly("a", "b");
        assertThat(difference.removedSample()).containsExactly("z");
        assertThat(difference.added()).isZero();
        assertThat(difference.none()).isFalse();
    }
}
