package dev.regent.guide.parcel;

import dev.regent.domain.shared.Values;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A parcel handed in at a depot: the region that accepts it owns it ({@link Parcel}: native ownership). */
public record RegisterParcelCommand(@TargetAggregateIdentifier ParcelId parcelId, String destination) {

    public static final int MAX_DESTINATION_LENGTH = 100;

    public RegisterParcelCommand {
        destination = Values.requireText("destination", destination, MAX_DESTINATION_LENGTH);
    }
}
