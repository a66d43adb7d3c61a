-- At the owner: an aggregate it released to another region that has not yet confirmed the takeover. Past the
-- deadline the owner asks the new owner to give the handover up and takes the aggregate back under a higher epoch,
-- so that a new owner that crashed (or a release that was never a real handover) never leaves it without an owner.
create table regent_pending_handover (
    aggregate_id varchar(255) not null primary key,
    to_region    varchar(32)  not null,
    epoch        bigint       not null,
    deadline     timestamptz  not null,
    released_at  timestamptz  not null
);
create index regent_pending_handover_deadline on regent_pending_handover (deadline);

-- At the would-be new owner: a handover it gave up at the former owner's request; never completed afterwards.
create table regent_void_handover (
    aggregate_id varchar(255) not null,
    epoch        bigint       not null,
    voided_at    timestamptz  not null default now(),
    primary key (aggregate_id, epoch)
);

-- Who asked for an ownership change (the authenticated operator; the region itself for a reclaim).
alter table regent_ownership_history add column requested_by text;

-- Every operator action on this region: who (the token's subject), what, on what, why, and how it ended.
create table regent_operator_action (
    id           bigserial    primary key,
    at           timestamptz  not null default now(),
    principal    text         not null,
    action       varchar(64)  not null,
    target       text,
    reason       text,
    outcome      text
);
create index regent_operator_action_at on regent_operator_action (at);
