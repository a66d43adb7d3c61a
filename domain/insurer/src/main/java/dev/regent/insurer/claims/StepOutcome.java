package dev.regent.insurer.claims;

public enum StepOutcome {
    /** Asked of the owner. */
    REQUESTED,
    /** The owner has not answered in time; asked again. */
    WAITING,
    PASSED,
    FAILED
}
