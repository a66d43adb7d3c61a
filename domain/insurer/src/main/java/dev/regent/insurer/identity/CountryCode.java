package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

import java.util.Locale;
import java.util.regex.Pattern;

/** ISO 3166-1 alpha-2 country code, upper case. Whether any region is home for it is the jurisdiction map's call. */
public record CountryCode(String value) {

    public static final int MAX_LENGTH = 2;

    private static final Pattern ALPHA_2 = Pattern.compile("[A-Z]{2}");

    public CountryCode {
        value = Values.requireMatch("domicile", value == null ? null : value.strip().toUpperCase(Locale.ROOT),
                MAX_LENGTH, ALPHA_2, "is not an ISO 3166-1 alpha-2 country code");
    }

    /** The jurisdiction key read by {@code @HomeOwnership(attribute = "domicile")}. */
    @Override
    public String toString() {
        return value;
    }
}
