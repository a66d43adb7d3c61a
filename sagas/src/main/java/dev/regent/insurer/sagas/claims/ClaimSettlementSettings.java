package dev.regent.insurer.sagas.claims;

import java.time.Duration;

/**
 * @param retryAfter  how long an owner may take to answer a step before the claim goes pending and the step is asked
 *                    again (and again, at this interval)
 * @param giveUpAfter how long after filing the claim is rejected with {@code OWNER_UNAVAILABLE} if still undecided
 */
public record ClaimSettlementSettings(Duration retryAfter, Duration giveUpAfter) {

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
