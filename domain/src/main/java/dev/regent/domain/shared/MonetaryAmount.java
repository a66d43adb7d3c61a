package dev.regent.domain.shared;

import java.math.BigDecimal;

/** A strictly positive amount with at most two decimals; the currency is the policy's, kept implicit here. */
public record MonetaryAmount(BigDecimal value) implements Comparable<MonetaryAmount> {

    public MonetaryAmount {
        if (value == null) {
            throw new InvalidValueException("amount", "is required");
        }
        if (value.signum() <= 0) {
            throw new InvalidValueException("amount", "must be positive, was " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidValueException("amount", "has more than two decimals: " + value.toPlainString());
        }
    }

    /** Same checks, reported under the caller's field name (e.g. {@code coverageLimit}). */
    public static MonetaryAmount of(String field, BigDecimal value) {
        try {
            return new MonetaryAmount(value);
        } catch (InvalidValueException e) {
            throw new InvalidValueException(field, e.reason());
        }
    }

    @Override
    public int compareTo(MonetaryAmount other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toPlainString();
    }
}
