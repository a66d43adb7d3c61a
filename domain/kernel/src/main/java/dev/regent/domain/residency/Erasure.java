package dev.regent.domain.residency;

/** The value personal data reads as once its subject has been erased. */
public final class Erasure {

    public static final String ERASED = "[ERASED]";

    private Erasure() {
    }
}
