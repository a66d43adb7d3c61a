package dev.regent.application.web;

import java.util.Arrays;

/** RFC 7240 {@code Prefer: respond-async}: the caller would rather get 202 and follow the request than wait. */
public final class RespondAsync {

    public static final String HEADER = "Prefer";

    private RespondAsync() {
    }

    public static boolean requested(String prefer) {
        return prefer != null && Arrays.stream(prefer.split(","))
                .map(String::strip).anyMatch(preference -> preference.equalsIgnoreCase("respond-async"));
    }
}
