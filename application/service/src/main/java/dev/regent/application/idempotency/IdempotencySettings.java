package dev.regent.application.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code regent.idempotency.*}.
 *
 * @param retention       how long a key's answer is kept (from its first request); a retry after that is a new request
 * @param purgeInterval   how often expired keys are deleted
 * @param inFlightTimeout how long a key stays taken by a request that has not been answered: longer than any request
 *                        may take; after it, a retry takes the key over (its first attempt died with its service)
 */
@ConfigurationProperties("regent.idempotency")
record IdempotencySettings(Duration retention, Duration purgeInterval, Duration inFlightTimeout) {

    IdempotencySettings {
        retention = positive("retention", retention, Duration.ofHours(24));
        purgeInterval = positive("purge-interval", purgeInterval, Duration.ofMinutes(10));
        inFlightTimeout = positive("in-flight-timeout", inFlightTimeout, Duration.ofMinutes(1));
    }

    private static Duration positive(String name, Duration value, Duration byDefault) {
        Duration chosen = value == null ? byDefault : value;
        if (chosen.isNegative() || chosen.isZero()) {
            throw new IllegalArgumentException("regent.idempotency." + name + " must be positive, was " + chosen);
        }
        return chosen;
    }
}
