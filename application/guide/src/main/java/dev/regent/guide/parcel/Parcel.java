package dev.regent.guide.parcel;

import dev.regent.domain.ownership.NativeOwnership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A plain Axon aggregate; {@code @NativeOwnership} is all that makes it region-owned: owned where it was handed in,
 * its commands routed there from any region, its events appended there only and mirrored to the others.
 */
@NativeOwnership
public class Parcel {

    @AggregateIdentifier
    private ParcelId parcelId;
    private boolean delivered;

    protected Parcel() {
        // for Axon
    }

    @CommandHandler
    public Parcel(RegisterParcelCommand command) {
        apply(new ParcelRegisteredEvent(command.parcelId(), command.destination()));
    }

    /** @return the parcel's version after delivery; delivering again changes nothing */
    @CommandHandler
    public long handle(DeliverParcelCommand command) {
        if (!delivered) {
            apply(new ParcelDeliveredEvent(parcelId));
        }
        return AggregateLifecycle.getVersion() + 1;
    }

    @EventSourcingHandler
    void on(ParcelRegisteredEvent event) {
        parcelId = event.parcelId();
    }

    @EventSourcingHandler
    void on(ParcelDeliveredEvent event) {
        delivered = true;
    }
}
