package dev.regent.domain.containment;

import dev.regent.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FreezeScopeTest {

    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");
    private static final EventFacts EU_POLICY_V2 = new EventFacts("eu", "Policy", "PolicyIssuedEvent", T, "2.0.0");

    @Test
    void everyCriterionGivenMustMatch_andOnesLeftOutMatchAnything() {
        assertThat(new FreezeScope("eu", null, null, null, null).matches(EU_POLICY_V2)).isTrue();
        assertThat(new FreezeScope("eu", "Policy", "PolicyIssuedEvent", T, "2.0.0").matches(EU_POLICY_V2)).isTrue();
        assertThat(new FreezeScope("us", "Policy", null, null, null).matches(EU_POLICY_V2)).isFalse();
        assertThat(new FreezeScope("eu", "Claim", null, null, null).matches(EU_POLICY_V2)).isFalse();
        assertThat(new FreezeScope("eu", null, "PolicyCancelledEvent", null, null).matches(EU_POLICY_V2)).isFalse();
        assertThat(new FreezeScope("eu", null, null, null, "1.9.0").matches(EU_POLICY_V2)).isFalse();
    }

    @Test
    void writtenSince_includesTheInstantItself_andExcludesEarlierEvents() {
        FreezeScope since = new FreezeScope(null, "Policy", null, T, null);

        assertThat(since.matches(EU_POLICY_V2)).isTrue();
        assertThat(since.matches(new EventFacts("eu", "Policy", "PolicyIssuedEvent", T.minusMillis(1), "2.0.0")))
                .isFalse();
    }

    @Test
    void aVersionCriterion_neverMatchesAnEventWrittenBeforeVersionsWereStamped() {
        assertThat(new FreezeScope(null, null, null, null, "2.0.0")
                .matches(new EventFacts("eu", "Policy", "PolicyIssuedEvent", T, null))).isFalse();
    }

    @Test
    void aScopeOfEverything_orWithHostileValues_isRefusedNamingTheField() {
        assertThatThrownBy(() -> new FreezeScope(null, " ", null, T, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new FreezeScope("mars!", null, null, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new FreezeScope(null, "Policy\u0000", null, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("aggregateType");
        assertThatThrownBy(() -> new FreezeScope(null, null, "x".repeat(300), null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("eventType");
    }

    @Test
    void describe_namesTheCriteriaGiven() {
        assertThat(new FreezeScope("eu", "Policy", null, T, null).describe())
                .isEqualTo("origin eu, aggregate Policy, since 2026-12-03T10:00:00Z");
    }
}
