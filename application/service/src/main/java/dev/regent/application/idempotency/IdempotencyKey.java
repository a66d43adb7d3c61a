package dev.regent.application.idempotency;

import java.util.List;

/**
 * The {@code Idempotency-Key} header's value: 1 to 255 printable ASCII characters, as a bare token (Stripe's form) or
 * a quoted structured-field string (the IETF draft's form, {@code "8e03978e-…"}).
 */
record IdempotencyKey(String value) {

    static final String HEADER = "Idempotency-Key";
    static final int MAX_LENGTH = 255;

    /** Thrown for a header that is not one valid key; the message says why. */
    static final class InvalidKeyException extends RuntimeException {

        InvalidKeyException(String message) {
            super(message);
        }
    }

    IdempotencyKey {
        if (value.isEmpty() || value.isBlank()) {
            throw new InvalidKeyException(HEADER + " must not be empty");
        }
        if (value.length() > MAX_LENGTH) {
            throw new InvalidKeyException(HEADER + " must be at most " + MAX_LENGTH + " characters, was "
                    + value.length());
        }
        if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidKeyException(HEADER + " must be printable ASCII, without control characters");
        }
    }

    /** The one key in a request's header values. */
    static IdempotencyKey of(List<String> headerValues) {
        if (headerValues.size() != 1) {
            throw new InvalidKeyException("A request carries one " + HEADER + ", this one " + headerValues.size());
        }
        String raw = headerValues.get(0);
        boolean quoted = raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"");
        return new IdempotencyKey(quoted ? raw.substring(1, raw.length() - 1) : raw);
    }
}
