package dev.regent.infrastructure.containment;

import dev.regent.domain.containment.FreezeScope;
import dev.regent.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A freeze is checked whoever sends it: a peer's push goes through the same rules as an operator's request. */
class FreezeTest {

    private static final FreezeScope SCOPE = new FreezeScope("eu", "Policy", null, null, null);
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aWellFormedFreeze_isActiveUntilThawed_andItsThawKeepsEverythingElse() {
        Freeze freeze = new Freeze("frz-1a2b", SCOPE, true, "limits x100", "olga", "us", AT, null, null);

        Freeze thawed = freeze.thawed("ivan", AT.plusSeconds(60));

        assertThat(freeze.active()).isTrue();
        assertThat(thawed.active()).isFalse();
        assertThat(thawed).usingRecursiveComparison().ignoringFields("thawedAt", "thawedBy").isEqualTo(freeze);
        assertThat(thawed.thawedBy()).isEqualTo("ivan");
    }

    @Test
    void hostileValues_areRefusedNamingTheField() {
        assertThatThrownBy(() -> new Freeze("frz-\u0000", SCOPE, false, "r", "olga", "us", AT, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("id");
        assertThatThrownBy(() -> new Freeze("frz-1", SCOPE, false, "bad\u0007", "olga", "us", AT, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> new Freeze("frz-1", SCOPE, false, "r", "olga", "Mars!", AT, null, null))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new Freeze("frz-1", SCOPE, false, "r", "olga\u0000", "us", AT, null, null))
                .isInstanceOf(InvalidValueException.class).hasMessageContaining("frozenBy");
        assertThatThrownBy(() -> new Freeze("frz-1", null, false, "r", "olga", "us", AT, null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
