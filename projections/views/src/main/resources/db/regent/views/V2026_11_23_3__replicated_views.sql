-- Read models, one row per aggregate per view, whoever owns the aggregate. The row remembers the last aggregate
-- sequence applied, which is what makes every handler idempotent and order-preserving.
create table regent_view (
    view_name      varchar(100) not null,
    aggregate_id   varchar(255) not null,
    aggregate_type varchar(255) not null,
    owner_region   varchar(32)  not null,
    owner_epoch    bigint       not null,
    last_sequence  bigint       not null,
    state          jsonb        not null,
    last_event_id  varchar(255) not null,
    last_event_at  timestamptz  not null,
    updated_at     timestamptz  not null default now(),
    primary key (view_name, aggregate_id)
);

-- Events that arrived ahead of a missing predecessor: held, never applied out of order, never dropped; applied as
-- soon as the gap is filled.
create table regent_held_event (
    view_name         varchar(100) not null,
    aggregate_id      varchar(255) not null,
    sequence_number   bigint       not null,
    expected_sequence bigint       not null,
    event_id          varchar(255) not null,
    aggregate_type    varchar(255) not null,
    payload_type      varchar(255) not null,
    payload_revision  varchar(255),
    payload           bytea        not null,
    meta_data         bytea        not null,
    event_timestamp   timestamptz  not null,
    held_at           timestamptz  not null default now(),
    primary key (view_name, aggregate_id, sequence_number)
);
