package dev.regent.application.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The keys this region was sent, in its database (so they survive restarts), per caller: while a request is in flight
 * the key is taken by its attempt; then it holds the answer to give again, until it expires.
 */
class IdempotencyKeys {

    /** What a request finds under its key. */
    sealed interface Lookup {
    }

    /** The key is this attempt's: handle the request. */
    record Taken(UUID attempt) implements Lookup {
    }

    /** Another attempt of the same request is in flight. */
    record InFlight() implements Lookup {
    }

    /** The key was first used for another request ({@code requestLine} says which). */
    record UsedForAnother(String requestLine) implements Lookup {
    }

    /** The same request was answered: this is the answer. */
    record Answered(StoredAnswer answer) implements Lookup {
    }

    /** A final answer as kept: status, the headers that matter, body. */
    record StoredAnswer(int status, String contentType, String location, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration inFlightTimeout;

    IdempotencyKeys(JdbcTemplate jdbc, Duration retention, Duration inFlightTimeout) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.inFlightTimeout = inFlightTimeout;
    }

    /**
     * Takes the key for a new attempt when it is free: never used, expired, or taken by an attempt of the same request
     * that has not answered within the in-flight timeout. Otherwise says what holds it.
     */
    Lookup take(String caller, IdempotencyKey key, String fingerprint, String requestLine) {
        for (int tries = 0; tries < 3; tries++) {
            UUID attempt = UUID.randomUUID();
            List<UUID> taken = jdbc.query("""
                    insert into regent_idempotency_key as kept (caller, idempotency_key, fingerprint, request_line,
                           attempt, locked_until, expires_at)
                    values (?, ?, ?, ?, ?, now() + ? * interval '1 millisecond', now() + ? * interval '1 millisecond')
                    on conflict (caller, idempotency_key) do update set fingerprint = excluded.fingerprint,
                           request_line = excluded.request_line, attempt = excluded.attempt, status = null,
                           content_type = null, location = null, body = null, created_at = now(),
                           locked_until = excluded.locked_until, expires_at = excluded.expires_at
                     where kept.expires_at < now()
                        or (kept.status is null and kept.locked_until < now() and kept.fingerprint = excluded.fingerprint)
                    returning attempt
                    """, (rs, n) -> rs.getObject("attempt", UUID.class), caller, key.value(), fingerprint,
                    requestLine, attempt, inFlightTimeout.toMillis(), retention.toMillis());
            if (!taken.isEmpty()) {
                return new Taken(taken.get(0));
            }
            Optional<Lookup> held = jdbc.query("""
                    select fingerprint, request_line, status, content_type, location, body
                      from regent_idempotency_key where caller = ? and idempotency_key = ?
                    """, (rs, n) -> {
                if (!rs.getString("fingerprint").equals(fingerprint)) {
                    return (Lookup) new UsedForAnother(rs.getString("request_line"));
                }
                int status = rs.getInt("status");
                return rs.wasNull() ? new InFlight() : new Answered(new StoredAnswer(status,
                        rs.getString("content_type"), rs.getString("location"), rs.getBytes("body")));
            }, caller, key.value()).stream().findFirst();
            if (held.isPresent()) {
                return held.get();
            }
            // Deleted (purged, or released by its attempt) in between: try to take it again.
        }
        return new InFlight();
    }

    /** Keeps the answer of the attempt that holds the key; an attempt that lost the key keeps nothing. */
    void answer(String caller, IdempotencyKey key, UUID attempt, StoredAnswer answer) {
        jdbc.update("""
                update regent_idempotency_key set status = ?, content_type = ?, location = ?, body = ?,
                       locked_until = null
                 where caller = ? and idempotency_key = ? and attempt = ?
                """, answer.status(), answer.contentType(), answer.location(), answer.body(), caller, key.value(),
                attempt);
    }

    /** Frees the key without an answer (the request failed in a way a retry may fix). */
    void release(String caller, IdempotencyKey key, UUID attempt) {
        jdbc.update("delete from regent_idempotency_key where caller = ? and idempotency_key = ? and attempt = ?",
                caller, key.value(), attempt);
    }

    /** Deletes expired keys, {@code batch} rows per statement; answers how many. */
    int purgeExpired(int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbc.update("""
                    delete from regent_idempotency_key where ctid in (
                        select ctid from regent_idempotency_key where expires_at < now() limit ?)
                    """, batch);
            total += deleted;
        } while (deleted == batch);
        return total;
    }
}
