package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

import java.util.regex.Pattern;

public record EmailAddress(String value) {

    /** RFC 5321's limit on a forward path. */
    public static final int MAX_LENGTH = 254;

    // Deliberately loose: one '@', something on both sides, a dot in the domain. Mailboxes are verified elsewhere.
    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public EmailAddress {
        value = Values.requireMatch("email", value, MAX_LENGTH, SHAPE, "is not an e-mail address");
    }

    @Override
    public String toString() {
        return value;
    }
}
