-- Events a read model could not apply (poison), parked per view and aggregate in Axon's JDBC dead-letter queue
-- (dev.regent.projections.deadletter.DeadLetterTable names the columns). Timestamps are ISO-8601 text, as Axon
-- writes them.
create table regent_dead_letter (
    dead_letter_id      varchar(255)  not null primary key,
    processing_group    varchar(255)  not null,
    sequence_identifier varchar(255)  not null,
    sequence_index      bigint        not null,
    message_type        varchar(255)  not null,
    event_id            varchar(255)  not null,
    event_timestamp     varchar(255)  not null,
    payload_type        varchar(255)  not null,
    payload_revision    varchar(255),
    payload             bytea         not null,
    meta_data           bytea,
    aggregate_type      varchar(255),
    aggregate_id        varchar(255),
    sequence_number     bigint,
    token_type          varchar(255),
    token               bytea,
    enqueued_at         varchar(255)  not null,
    last_touched        varchar(255),
    processing_started  varchar(255),
    cause_type          varchar(255),
    cause_message       varchar(1023),
    diagnostics         bytea,
    constraint regent_dead_letter_sequence_index unique (processing_group, sequence_identifier, sequence_index)
);

create index regent_dead_letter_sequence on regent_dead_letter (processing_group, sequence_identifier);
