package dev.regent.domain.ownership;

import dev.regent.domain.shared.InvalidValueException;

/** No region is home for a jurisdiction, so a HOME-owned aggregate cannot be created. */
public class UnknownJurisdictionException extends InvalidValueException {

    public UnknownJurisdictionException(String attribute, String jurisdiction) {
        super(attribute, "'" + jurisdiction + "' is not a jurisdiction any region is home for");
    }
}
