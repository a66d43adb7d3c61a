package dev.regent.application.idempotency;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request being handled under an idempotency key. The ids it hands out are derived from the region, the caller,
 * the key and the request's fingerprint: the same request retried gets the same ones; another request under a reused
 * key (which a lost answer would not have caught) gets others. The region is part of them because a key is kept by
 * the region that received it: a retry sent to another region is a new request there, and must not create an
 * aggregate under an id that region cannot know is taken (a claim or policy is owned where it is created).
 */
final class KeyedRequest {

    static final String ATTRIBUTE = KeyedRequest.class.getName();

    private final String scope;
    private final AtomicInteger commands = new AtomicInteger();
    private final AtomicInteger aggregates = new AtomicInteger();

    KeyedRequest(String region, String caller, IdempotencyKey key, String fingerprint) {
        this.scope = String.join("\n", "regent-idempotency", region, caller.length() + ":" + caller, key.value(),
                fingerprint);
    }

    /** The id of the request's next command (a request normally sends one). */
    String nextCommandId() {
        return derive("command", commands.incrementAndGet());
    }

    /** The id of the next aggregate the request creates. */
    String nextAggregateId() {
        return derive("aggregate", aggregates.incrementAndGet());
    }

    private String derive(String purpose, int ordinal) {
        return UUID.nameUUIDFromBytes((scope + "\n" + purpose + "\n" + ordinal).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
