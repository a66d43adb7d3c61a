package dev.regent.projections.requests;

import java.time.Instant;

/**
 * @param ownerVersion the aggregate version the owner answered, once it answered
 * @param version      the aggregate version visible in this region when the request was applied
 * @param problem      the owner's problem (JSON) when it refused
 */
public record RoutedRequest(String requestId, String commandName, String aggregateId, String ownerRegion,
                            RequestStatus status, Long ownerVersion, Long version, String reason, String problem,
                            Instant createdAt, Instant updatedAt) {
}
