package dev.regent.application.web;

import java.util.Map;

/**
 * The longest text each named field of the service's request bodies may hold, contributed as a bean by whoever
 * declares the requests (the platform its own, an application its own). A request body's text field that no bean
 * names stops the service at start: none may be bounded by the body size alone.
 */
public record RequestFieldLimits(Map<String, Integer> maxLengths) {

    public RequestFieldLimits {
        maxLengths = Map.copyOf(maxLengths);
    }
}
