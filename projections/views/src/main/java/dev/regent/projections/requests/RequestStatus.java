package dev.regent.projections.requests;

public enum RequestStatus {
    /** Sent to the owner; its change is not visible in this region yet. */
    PENDING,
    /** The owner did not answer; kept here and delivered, in order, when it answers again. */
    QUEUED,
    /** The owner did not answer; recorded here as a provisional change, for the owner to adjudicate when it returns. */
    CAPTURED,
    /** The owner's change is visible in this region's projection. */
    APPLIED,
    /** The owner refused it (or, captured, rejected it on adjudication), or could not be reached: nothing changed. */
    REJECTED
}
