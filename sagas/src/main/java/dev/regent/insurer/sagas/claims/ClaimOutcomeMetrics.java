package dev.regent.insurer.sagas.claims;

import dev.regent.insurer.claims.ClaimApprovedEvent;
import dev.regent.insurer.claims.ClaimCompensationFailedEvent;
import dev.regent.insurer.claims.ClaimRejectedEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * Counts the settlements decided in this region: {@code regent.claims.decided{outcome,reason}} and, for an operator to
 * act on, {@code regent.sagas.compensation.failed{saga}}. Claims of other regions are theirs to count.
 */
@ProcessingGroup("regent-claim-metrics")
public class ClaimOutcomeMetrics {

    private final MeterRegistry meters;
    private final Region localRegion;

    public ClaimOutcomeMetrics(MeterRegistry meters, Region localRegion) {
        this.meters = meters;
        this.localRegion = localRegion;
    }

    @EventHandler
    @DisallowReplay
    void on(ClaimApprovedEvent event, @MetaDataValue(OwnershipMetadata.ORIGIN_REGION) String origin) {
        if (isLocal(origin)) {
            meters.counter("regent.claims.decided", "outcome", "approved", "reason", "none").increment();
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ClaimRejectedEvent event, @MetaDataValue(OwnershipMetadata.ORIGIN_REGION) String origin) {
        if (isLocal(origin)) {
            meters.counter("regent.claims.decided", "outcome", "rejected", "reason", event.reason().name())
                    .increment();
        }
    }

    @EventHandler
    @DisallowReplay
    void on(ClaimCompensationFailedEvent event, @MetaDataValue(OwnershipMetadata.ORIGIN_REGION) String origin) {
        if (isLocal(origin)) {
            meters.counter("regent.sagas.compensation.failed", "saga", "claim-settlement").increment();
        }
    }

    private boolean isLocal(String origin) {
        return localRegion.name().equals(origin);
    }
}
