package dev.regent.infrastructure.instances;

import java.time.Instant;
import java.util.List;

/**
 * An instance of this region's service whose heartbeat is recent, and the leases it holds.
 *
 * @param publicUrl null until known
 * @param peerUrl   null until known
 */
public record LiveInstance(InstanceId id, String region, String publicUrl, String peerUrl, Instant startedAt,
                           Instant heartbeatAt, List<String> leases) {

    public LiveInstance {
        leases = List.copyOf(leases);
    }
}
