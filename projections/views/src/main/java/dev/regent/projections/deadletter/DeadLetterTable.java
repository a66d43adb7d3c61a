package dev.regent.projections.deadletter;

import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;

/** Axon's JDBC dead-letter queue over {@code regent_dead_letter}, named the way every other Regent table is. */
final class DeadLetterTable {

    static final String NAME = "regent_dead_letter";

    static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable(NAME)
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_id")
            .timestampColumn("event_timestamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_id")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    private DeadLetterTable() {
    }
}
