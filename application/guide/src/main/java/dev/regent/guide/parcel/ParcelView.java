package dev.regent.guide.parcel;

/** A parcel as every region shows it. */
public record ParcelView(String parcelId, String destination, boolean delivered) {
}
