package dev.regent.insurer.sagas.claims;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code regent.sagas.claim-settlement.*}.
 *
 * @param retryAfter  how long an owner may take to answer a step before the claim goes pending and the step is asked
 *                    again (and again, at this interval)
 * @param giveUpAfter how long after filing the claim is rejected with {@code OWNER_UNAVAILABLE} if still undecided
 */
@ConfigurationProperties("regent.sagas.claim-settlement")
public record ClaimSettlementSettings(@DefaultValue("10s") Duration retryAfter,
                                      @DefaultValue("5m") Duration giveUpAfter) {

    public ClaimSettlementSettings {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, was " + retryAfter);
        }
        if (giveUpAfter == null || giveUpAfter.compareTo(retryAfter) <= 0) {
            throw new IllegalArgumentException("giveUpAfter (" + giveUpAfter + ") must be longer than retryAfter ("
                    + retryAfter + ")");
        }
    }
}
