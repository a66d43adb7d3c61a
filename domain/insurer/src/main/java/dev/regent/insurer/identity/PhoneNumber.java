package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

import java.util.regex.Pattern;

public record PhoneNumber(String value) {

    public static final int MAX_LENGTH = 26;

    private static final Pattern SHAPE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,24}");

    public PhoneNumber {
        value = Values.requireMatch("phone", value, MAX_LENGTH, SHAPE, "is not a phone number (digits, spaces, '()-', optional '+')");
    }

    @Override
    public String toString() {
        return value;
    }
}
