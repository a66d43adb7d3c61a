package dev.regent.domain.shared;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks shared by value types; each throws {@link InvalidValueException} naming the field. The API's edge applies
 * {@link #textProblem} to every text it receives; value types apply it again, so that a command built by other code
 * (a test, a saga, a future endpoint) cannot carry what the edge refuses.
 */
public final class Values {

    /** Ids: letters, digits, '.', '_', ':', '-'; at most this many. */
    public static final int MAX_IDENTIFIER_LENGTH = 64;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0," + (MAX_IDENTIFIER_LENGTH - 1) + "}");
    private static final int DEFAULT_PATTERN_TEXT_LENGTH = 256;

    private Values() {
    }

    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        requirePlainText(field, value);
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static String requireMatch(String field, String value, Pattern pattern, String expectation) {
        return requireMatch(field, value, DEFAULT_PATTERN_TEXT_LENGTH, pattern, expectation);
    }

    public static String requireMatch(String field, String value, int maxLength, Pattern pattern,
                                      String expectation) {
        String text = requireText(field, value, maxLength);
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValueException(field, "'" + text + "' " + expectation);
        }
        return text;
    }

    public static String requireIdentifier(String field, String value) {
        if (value != null && value.length() > MAX_IDENTIFIER_LENGTH) {
            // Not echoed: an over-long id is no use to read back, and may be an attack.
            throw new InvalidValueException(field, "must be at most " + MAX_IDENTIFIER_LENGTH + " characters");
        }
        return requireMatch(field, value, IDENTIFIER,
                "is not an identifier (letters, digits, '.', '_', ':', '-'; at most " + MAX_IDENTIFIER_LENGTH + ")");
    }

    /** Null is left to the caller (required or optional); anything else must be {@linkplain #textProblem plain}. */
    public static String requirePlainText(String field, String value) {
        Optional<String> problem = textProblem(value);
        if (problem.isPresent()) {
            throw new InvalidValueException(field, problem.get());
        }
        return value;
    }

    /**
     * What makes {@code text} unfit to keep: a control character (C0, DEL or C1, NUL included: they break logs,
     * terminals and PostgreSQL's text) or a surrogate without its pair (not Unicode: stored, it would become '?').
     * Empty when the text is fine.
     */
    public static Optional<String> textProblem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("contains the control character " + codePoint(c) + " at position " + (i + 1));
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired surrogate " + codePoint(c) + " at position " + (i + 1)
                        + " (not valid Unicode)");
            }
        }
        return Optional.empty();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
