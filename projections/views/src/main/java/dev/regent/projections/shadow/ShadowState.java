package dev.regent.projections.shadow;

/** Where a shadow rebuild is: reading the sources, ready to compare and swap, failed, or swapped in. */
public enum ShadowState {
    BUILDING, BUILT, FAILED, SWAPPED
}
