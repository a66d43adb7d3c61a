package dev.regent.projections.replication;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Clock;
import java.time.Duration;

/**
 * Per view: events applied, skipped as duplicates, held behind gaps. Per source region: replication lag, from the
 * owner's append to the moment the event is applied here.
 */
public class ProjectionMetrics {

    private final MeterRegistry meters;
    private final Clock clock;

    public ProjectionMetrics(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    void recordApplied(String view, DomainEventMessage<?> event, Region localRegion) {
        outcome(view, "applied").increment();
        OwnershipMetadata.region(event.getMetaData(), OwnershipMetadata.ORIGIN_REGION)
                .filter(origin -> !origin.equals(localRegion))
                .ifPresent(origin -> Timer.builder("regent.replication.lag")
                        .description("Owner append to local projection applied, by source region")
                        .tag("source", origin.name())
                        .publishPercentiles(0.5, 0.99)
                        .register(meters)
                        .record(Duration.between(event.getTimestamp(), clock.instant())));
    }

    void recordDuplicate(String view) {
        outcome(view, "duplicate").increment();
    }

    void recordHeld(String view) {
        outcome(view, "held").increment();
    }

    private Counter outcome(String view, String outcome) {
        return Counter.builder("regent.projection.events")
                .description("Events delivered to a view, by outcome")
                .tag("view", view).tag("outcome", outcome)
                .register(meters);
    }
}
