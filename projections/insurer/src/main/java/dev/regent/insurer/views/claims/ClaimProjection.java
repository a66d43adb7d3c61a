package dev.regent.insurer.views.claims;

import dev.regent.insurer.claims.Claim;
import dev.regent.insurer.claims.ClaimApprovedEvent;
import dev.regent.insurer.claims.ClaimCompensationFailedEvent;
import dev.regent.insurer.claims.ClaimFiledEvent;
import dev.regent.insurer.claims.ClaimRejectedEvent;
import dev.regent.insurer.claims.ClaimStatus;
import dev.regent.insurer.claims.ClaimStepRecordedEvent;
import dev.regent.projections.replication.VersionedProjection;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/** Claims, from this region's own events and from the other regions' mirrored ones. */
@ProcessingGroup(ClaimProjection.VIEW)
public class ClaimProjection extends VersionedProjection<ClaimView> {

    public static final String VIEW = "claims";
    public static final String AGGREGATE_TYPE = Claim.class.getSimpleName();

    public ClaimProjection(VersionedViews<ClaimView> views) {
        super(views);
    }

    @EventHandler
    void on(ClaimFiledEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> ClaimView.filed(event));
    }

    @EventHandler
    void on(ClaimStepRecordedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.withStep(event, message.getTimestamp()));
    }

    @EventHandler
    void on(ClaimApprovedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.decided(ClaimStatus.APPROVED, null, null));
    }

    @EventHandler
    void on(ClaimRejectedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.decided(ClaimStatus.REJECTED, event.reason().name(),
                event.detail()));
    }

    @EventHandler
    void on(ClaimCompensationFailedEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> current.decided(ClaimStatus.COMPENSATION_FAILED, null,
                event.step() + ": " + event.detail()));
    }
}
