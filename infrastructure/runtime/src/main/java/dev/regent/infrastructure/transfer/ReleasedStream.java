package dev.regent.infrastructure.transfer;

import java.util.List;

/** The former owner's answer to a release: the ownership it handed over, and the aggregate's whole stream. */
public record ReleasedStream(String aggregateId, String aggregateType, String toRegion, long epoch, String rule,
                             List<StreamedEvent> events) {

    /**
     * What the new owner asks for: {@code requestedBy} is the operator who asked it for the transfer;
     * {@code legalBasis} and {@code relocation} as in {@link TransferOrder}.
     */
    public record Request(String toRegion, String reason, String requestedBy, String legalBasis, boolean relocation) {
    }
}
