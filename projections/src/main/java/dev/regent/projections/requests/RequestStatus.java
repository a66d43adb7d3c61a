package dev.regent.projections.requests;

public enum RequestStatus {
    /** Sent to the owner; its change is not visible in this region yet. */
    PENDING,
    /** The owner's change is visible in this region's projection. */
    APPLIED,
    /** The owner refused it, or could not be reached: nothing was changed. */
    REJECTED
}
