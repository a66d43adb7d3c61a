package dev.regent.guide.parcel;

import dev.regent.domain.shared.Values;

/** A parcel's id: an identifier, as every id in Regent (letters, digits, {@code .-_:}). */
public record ParcelId(String value) {

    public ParcelId {
        value = Values.requireIdentifier("parcelId", value);
    }

    @Override
    public String toString() {
        return value;
    }
}
