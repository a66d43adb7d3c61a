package dev.regent.guide.parcel;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The parcel reached its destination; sent to any region, routed to the parcel's owner. Answers the new version. */
public record DeliverParcelCommand(@TargetAggregateIdentifier ParcelId parcelId) {
}
