package dev.regent.infrastructure.transfer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code regent.transfer.*}.
 *
 * @param handoverTimeout how long a former owner waits for the new owner to confirm a planned transfer before it asks
 *                        the new owner to give the handover up and takes the aggregate back (a crashed new owner
 *                        must not leave it without an owner); longer than copying the largest stream takes
 */
@ConfigurationProperties("regent.transfer")
public record TransferProperties(@DefaultValue("30s") Duration handoverTimeout) {

    /** How often overdue handovers are looked for. */
    Duration sweepInterval() {
        long millis = Math.max(200, Math.min(5_000, handoverTimeout.toMillis() / 5));
        return Duration.ofMillis(millis);
    }
}
