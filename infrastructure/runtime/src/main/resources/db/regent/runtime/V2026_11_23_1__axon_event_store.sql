-- Axon's JDBC event store, token store and saga store, with snake_case names (see RegentSchemas).
-- The event store is also the outbox: the Kafka publisher tracks it like any other processor.

create table domain_event_entry (
    global_index        bigserial    not null primary key,
    event_identifier    varchar(255) not null unique,
    aggregate_identifier varchar(255) not null,
    sequence_number     bigint       not null,
    type                varchar(255),
    payload_type        varchar(255) not null,
    payload_revision    varchar(255),
    payload             bytea        not null,
    meta_data           bytea,
    time_stamp          varchar(255) not null,
    unique (aggregate_identifier, sequence_number)
);

create table snapshot_event_entry (
    aggregate_identifier varchar(255) not null,
    sequence_number     bigint       not null,
    type                varchar(255) not null,
    event_identifier    varchar(255) not null unique,
    payload_type        varchar(255) not null,
    payload_revision    varchar(255),
    payload             bytea        not null,
    meta_data           bytea,
    time_stamp          varchar(255) not null,
    primary key (aggregate_identifier, sequence_number)
);

create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    time_stamp     varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);

create table saga_entry (
    saga_id         varchar(255) not null primary key,
    revision        varchar(255),
    saga_type       varchar(255),
    serialized_saga bytea
);

create table association_value_entry (
    id                bigserial    not null primary key,
    association_key   varchar(255) not null,
    association_value varchar(255),
    saga_type         varchar(255),
    saga_id           varchar(255)
);
create index association_value_entry_lookup on association_value_entry (saga_type, association_key, association_value);
create index association_value_entry_saga on association_value_entry (saga_id, saga_type);
