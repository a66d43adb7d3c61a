package dev.regent.application.instances;

import dev.regent.infrastructure.instances.LiveInstance;

import java.time.Instant;
import java.util.List;

/**
 * The region's live instances, oldest first.
 *
 * @param answeredBy the instance that answered this request
 */
record InstancesView(String region, String answeredBy, List<Instance> instances) {

    /** @param leases the once-per-region work it holds, e.g. {@code job:delivery-of-kept-commands} */
    record Instance(String instanceId, String publicUrl, String peerUrl, Instant startedAt, Instant heartbeatAt,
                    List<String> leases) {

        static Instance of(LiveInstance live) {
            return new Instance(live.id().value(), live.publicUrl(), live.peerUrl(), live.startedAt(),
                    live.heartbeatAt(), live.leases());
        }
    }
}
