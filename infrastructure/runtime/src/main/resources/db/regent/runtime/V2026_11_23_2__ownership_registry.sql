-- The ownership registry: owner region and epoch of every aggregate any region has told us about.
-- Rows for aggregates this region owns are written in the same transaction as their first event;
-- the others arrive as replicated OwnershipAssignedEvents and only ever move to a higher epoch.
create table regent_ownership (
    aggregate_id   varchar(255) not null primary key,
    aggregate_type varchar(255) not null,
    owner_region   varchar(32)  not null,
    epoch          bigint       not null check (epoch >= 1),
    rule           varchar(255) not null,
    assigned_at    timestamptz  not null,
    recorded_at    timestamptz  not null default now()
);
create index regent_ownership_owner on regent_ownership (owner_region, aggregate_type);
