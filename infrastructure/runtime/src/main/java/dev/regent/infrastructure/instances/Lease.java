package dev.regent.infrastructure.instances;

import java.time.Instant;

/** A lease as the database holds it: whose it is, and until when unless renewed. */
public record Lease(String name, InstanceId holder, Instant acquiredAt, Instant expiresAt) {
}
