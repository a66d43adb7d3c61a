-- One key per data subject, wrapped with the region's master key. A null wrapped_key is a subject erased by
-- crypto-shredding: what was encrypted with its key, anywhere, can no longer be read.
create table regent_subject_key (
    subject_id  varchar(255) not null primary key,
    wrapped_key bytea,
    created_at  timestamptz  not null default now(),
    erased_at   timestamptz
);

-- What left the region, per destination: one entry per kind of decision (event type and what happened to each of
-- its personal fields), with how many events and when.
create table regent_egress_audit (
    destination varchar(32)  not null,
    event_type  varchar(255) not null,
    decision    varchar(500) not null,
    events      bigint       not null,
    first_at    timestamptz  not null default now(),
    last_at     timestamptz  not null default now(),
    primary key (destination, event_type, decision)
);
