package dev.regent.domain.shared;

import java.util.regex.Pattern;

/** Checks shared by value types; each throws {@link InvalidValueException} naming the field. */
public final class Values {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private Values() {
    }

    public static String requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static String requireMatch(String field, String value, Pattern pattern, String expectation) {
        String text = requireText(field, value, 256);
        if (!pattern.matcher(text).matches()) {
            throw new InvalidValueException(field, "'" + text + "' " + expectation);
        }
        return text;
    }

    public static String requireIdentifier(String field, String value) {
        return requireMatch(field, value, IDENTIFIER,
                "is not an identifier (letters, digits, '.', '_', ':', '-'; at most 64)");
    }
}
