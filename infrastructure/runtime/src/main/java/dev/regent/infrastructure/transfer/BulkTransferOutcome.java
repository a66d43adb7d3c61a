package dev.regent.infrastructure.transfer;

import java.util.List;

/** What a transfer of many aggregates did: each one transferred, or refused with its reason. */
public record BulkTransferOutcome(int requested, List<TransferOutcome> transferred, List<Refusal> refused) {

    public record Refusal(String aggregateId, String reason) {
    }
}
