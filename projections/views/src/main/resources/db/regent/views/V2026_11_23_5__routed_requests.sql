-- Commands this region routed to another owner and answered 202 (PENDING) for: followed until the owner's change is
-- visible in this region (APPLIED) or the owner refused it or could not be reached (REJECTED).
create table regent_request (
    request_id    varchar(255) not null primary key,
    command_name  varchar(255) not null,
    aggregate_id  varchar(255) not null,
    owner_region  varchar(32)  not null,
    status        varchar(16)  not null,
    owner_version bigint,
    version       bigint,
    reason        text,
    problem       text,
    created_at    timestamptz  not null default now(),
    updated_at    timestamptz  not null default now()
);
create index regent_request_pending on regent_request (aggregate_id) where status = 'PENDING';
