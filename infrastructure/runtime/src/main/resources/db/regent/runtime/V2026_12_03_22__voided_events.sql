-- Events an operator voided, recorded with the EventsVoided correction that voided them (in the same transaction):
-- the store hands each of them out as a VoidedEvent placeholder from then on. Kept by every region whose store holds
-- the correction (the owner, and a later owner that imported the stream).
create table regent_voided_event (
    event_id        varchar(255) not null primary key,
    aggregate_id    varchar(255) not null,
    sequence_number bigint       not null,
    event_type      varchar(255) not null,
    void_id         varchar(64)  not null,
    reason          varchar(500) not null,
    voided_by       varchar(255) not null,
    voided_at       timestamptz  not null
);
create index regent_voided_event_by_void on regent_voided_event (void_id);
