package dev.regent.infrastructure.evolution;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.domain.ownership.OwnershipTransferredEvent;

/**
 * Revision 1 → 2: transfers recorded before Regent knew who asked for them. {@code requestedBy} and
 * {@code legalBasis} are said to be unknown (null), rather than left for a lenient reader to guess.
 */
final class OwnershipTransferredEventUpcaster extends JsonRevisionUpcaster {

    OwnershipTransferredEventUpcaster() {
        super(OwnershipTransferredEvent.class, "1", "2");
    }

    @Override
    protected ObjectNode upcast(ObjectNode payload) {
        if (!payload.has("requestedBy")) {
            payload.putNull("requestedBy");
        }
        if (!payload.has("legalBasis")) {
            payload.putNull("legalBasis");
        }
        return payload;
    }
}
