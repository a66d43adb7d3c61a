package dev.regent.guide.parcel;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ParcelDeliveredEvent(ParcelId parcelId) {
}
