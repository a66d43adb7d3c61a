package dev.regent.application.web;

import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.Arrays;

/** RFC 7240 {@code Prefer: respond-async}: the caller would rather get 202 and follow the request than wait. */
public final class RespondAsync {

    public static final String HEADER = "Prefer";

    private RespondAsync() {
    }

    /** What a pending request answers: 202, and where to follow it. */
    public record RequestPending(String status, String requestId) {
    }

    /** 202 Accepted for a change routed to an owner that cannot answer yet: follow it at {@code /requests/{id}}. */
    public static ResponseEntity<RequestPending> pending(String requestId) {
        return ResponseEntity.accepted().location(URI.create("/requests/" + requestId))
                .body(new RequestPending("PENDING", requestId));
    }

    public static boolean requested(String prefer) {
        return prefer != null && Arrays.stream(prefer.split(","))
                .map(String::strip).anyMatch(preference -> preference.equalsIgnoreCase("respond-async"));
    }
}
