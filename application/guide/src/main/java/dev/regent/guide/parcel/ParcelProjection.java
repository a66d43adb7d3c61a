package dev.regent.guide.parcel;

import dev.regent.projections.replication.VersionedProjection;
import dev.regent.projections.replication.VersionedViews;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;

/**
 * Parcels, from this region's own events and the other regions' mirrored ones: {@link VersionedViews} applies each
 * aggregate's events in order, once, whatever order and how often they arrive.
 */
@ProcessingGroup(ParcelProjection.VIEW)
public class ParcelProjection extends VersionedProjection<ParcelView> {

    public static final String VIEW = "parcels";

    public ParcelProjection(VersionedViews<ParcelView> views) {
        super(views);
    }

    @EventHandler
    void on(ParcelRegisteredEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> new ParcelView(event.parcelId().value(), event.destination(), false));
    }

    @EventHandler
    void on(ParcelDeliveredEvent event, DomainEventMessage<?> message) {
        views.apply(message, current -> new ParcelView(current.parcelId(), current.destination(), true));
    }
}
