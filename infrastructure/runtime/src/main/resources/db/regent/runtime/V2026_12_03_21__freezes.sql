-- Freezes an operator declared (here or in another region: every region keeps every freeze). Active until thawed.
create table regent_freeze (
    freeze_id           varchar(64)  not null primary key,
    origin_region       varchar(32),
    aggregate_type      varchar(255),
    event_type          varchar(255),
    written_since       timestamptz,
    application_version varchar(255),
    refuse_writes       boolean      not null default false,
    reason              varchar(500) not null,
    frozen_by           varchar(255) not null,
    issued_in           varchar(32)  not null,
    frozen_at           timestamptz  not null,
    thawed_at           timestamptz,
    thawed_by           varchar(255)
);

-- Events this region's egress did not publish toward a destination because a freeze held them; published when the
-- freeze is thawed.
create table regent_frozen_egress (
    destination     varchar(32)  not null,
    event_id        varchar(255) not null,
    freeze_id       varchar(64)  not null references regent_freeze (freeze_id),
    aggregate_id    varchar(255) not null,
    sequence_number bigint       not null,
    held_at         timestamptz  not null default now(),
    primary key (destination, event_id)
);
create index regent_frozen_egress_by_freeze on regent_frozen_egress (freeze_id);
