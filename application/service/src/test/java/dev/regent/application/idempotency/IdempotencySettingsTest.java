package dev.regent.application.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotencySettingsTest {

    @Test
    void givenNothingConfigured_thenADayOfRetentionPurgedEveryTenMinutes_andAMinuteInFlight() {
        IdempotencySettings settings = new IdempotencySettings(null, null, null);

        assertThat(settings.retention()).isEqualTo(Duration.ofHours(24));
        assertThat(settings.purgeInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.inFlightTimeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void givenAZeroOrNegativeDuration_thenStartupFailsNamingTheSetting() {
        assertThatThrownBy(() -> new IdempotencySettings(Duration.ZERO, null, null))
                .hasMessageContaining("regent.idempotency.retention must be positive");
        assertThatThrownBy(() -> new IdempotencySettings(null, null, Duration.ofSeconds(-1)))
                .hasMessageContaining("regent.idempotency.in-flight-timeout must be positive");
    }
}
