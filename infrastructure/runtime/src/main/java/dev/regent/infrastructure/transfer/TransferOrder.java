package dev.regent.infrastructure.transfer;

/**
 * What is asked of a transfer, and by whom.
 *
 * @param requestedBy the authenticated operator (or, for a relocation, the region that asked for it)
 * @param force       the owner is given up for lost: take over from what was replicated here
 * @param legalBasis  why personal or region-locked data that the residency policy does not share with the new owner
 *                    may move there anyway (an operator's statement, recorded); null when there is none
 * @param relocation  the aggregate's home moved (its data subject's with it): its data moves with it
 */
public record TransferOrder(String reason, String requestedBy, boolean force, String legalBasis, boolean relocation) {

    public static TransferOrder planned(String reason, String requestedBy) {
        return new TransferOrder(reason, requestedBy, false, null, false);
    }

    public boolean statesLegalBasis() {
        return legalBasis != null && !legalBasis.isBlank();
    }
}
