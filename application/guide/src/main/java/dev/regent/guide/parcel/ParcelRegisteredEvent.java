package dev.regent.guide.parcel;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ParcelRegisteredEvent(ParcelId parcelId, String destination) {
}
