package dev.regent.infrastructure.transfer;

import dev.regent.infrastructure.routing.ForwardedCommand.SerializedPart;

/** One event of an aggregate's stream as it travels from its former owner to its new one. */
public record StreamedEvent(String identifier, String aggregateType, String aggregateId, long sequence,
                            String timestamp, SerializedPart payload, SerializedPart metaData) {
}
