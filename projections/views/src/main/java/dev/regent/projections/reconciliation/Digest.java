package dev.regent.projections.reconciliation;

/** What one region knows of one aggregate in one view: its last sequence and a hash of its (shareable) state. */
public record Digest(String aggregateId, long sequence, String contentHash) {

    /**
     * The content hash of a row its view cannot vouch for: unreadable, or (on the owner) with events parked. Equal to
     * no real hash. On the owner's side it means "nothing to compare with": see {@link DriftComparison}.
     */
    public static final String UNREADABLE = "unreadable";

    public boolean unreadable() {
        return UNREADABLE.equals(contentHash);
    }
}
