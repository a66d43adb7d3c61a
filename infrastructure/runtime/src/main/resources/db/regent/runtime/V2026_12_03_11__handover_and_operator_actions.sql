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

-- Who asked for an ownership change (the authenticated operator; a region for a reclaim or a relocation), and the
-- legal basis an operator stated for moving data the residency policy would not share with the new owner.
alter table regent_ownership_history add column requested_by text;
alter table regent_ownership_history add column legal_basis text;

-- At the owner: an aggregate whose home moved to another region (its data subject moved), to be handed to that
-- region; offered until it takes it over.
create table regent_pending_relocation (
    aggregate_id  varchar(255) not null primary key,
    to_region     varchar(32)  not null,
    home          text         not null,
    requested_at  timestamptz  not null default now(),
    next_attempt  timestamptz  not null default now(),
    attempts      int          not null default 0,
    last_error    text
);

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
