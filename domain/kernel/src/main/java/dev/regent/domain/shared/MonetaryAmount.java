package dev.regent.domain.shared;

import java.math.BigDecimal;

/**
 * A strictly positive amount with at most {@value #MAX_INTEGER_DIGITS} digits before the decimal point and
 * {@value #MAX_DECIMALS} after it; the currency is the policy's, kept implicit here.
 */
public record MonetaryAmount(BigDecimal value) implements Comparable<MonetaryAmount> {

    public static final int MAX_INTEGER_DIGITS = 16;
    public static final int MAX_DECIMALS = 2;
    /** What the bounds allow, for messages. */
    public static final String LARGEST = "9".repeat(MAX_INTEGER_DIGITS) + "." + "9".repeat(MAX_DECIMALS);

    public MonetaryAmount {
        if (value == null) {
            throw new InvalidValueException("amount", "is required");
        }
        if (value.signum() <= 0) {
            throw new InvalidValueException("amount", "must be positive, was " + shown(value));
        }
        if (value.precision() - value.scale() > MAX_INTEGER_DIGITS) {
            throw new InvalidValueException("amount", "must be at most " + LARGEST);
        }
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidValueException("amount", "has more than two decimals: " + shown(value));
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

    /** The value as sent when it is short; never a 5,000-digit expansion of 1E+5000 (nor its 1,200 digits). */
    private static String shown(BigDecimal value) {
        return value.precision() <= 24 && Math.abs(value.scale()) <= 24 ? value.toPlainString() : "a number too long to show";
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
