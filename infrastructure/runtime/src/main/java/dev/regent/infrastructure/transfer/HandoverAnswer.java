package dev.regent.infrastructure.transfer;

/**
 * The would-be new owner's answer when the former owner asks it to give up a handover it has not confirmed:
 * {@code TAKEN} (it did take the aggregate over under that epoch) or {@code VOID} (it did not, and now never will).
 */
public record HandoverAnswer(Outcome outcome) {

    public enum Outcome { TAKEN, VOID }
}
