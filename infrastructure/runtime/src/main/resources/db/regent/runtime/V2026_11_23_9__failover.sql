-- Commands accepted while their owner region did not answer (QUEUE) or captured provisionally (CAPTURE), delivered in
-- order per aggregate (seq) when the owner answers again. The command itself is dropped once settled.
create table regent_deferred_command (
    seq          bigserial    primary key,
    request_id   varchar(255) not null unique,
    policy       varchar(16)  not null,
    command_name varchar(255) not null,
    aggregate_id varchar(255) not null,
    owner_region varchar(32)  not null,
    command      text,
    status       varchar(16)  not null default 'WAITING',
    attempts     int          not null default 0,
    last_error   text,
    accepted_at  timestamptz  not null default now(),
    settled_at   timestamptz
);
create index regent_deferred_command_waiting on regent_deferred_command (aggregate_id, seq) where status = 'WAITING';

-- At an owner: the commands it applied for another region, with their answer, so a redelivery is answered, not redone.
create table regent_processed_command (
    command_id   varchar(255) primary key,
    aggregate_id varchar(255) not null,
    result       text,
    processed_at timestamptz  not null default now()
);
create index regent_processed_command_age on regent_processed_command (processed_at);

-- At a former owner: events it appended past the point where another region took over (a split brain's losing side),
-- kept in its store and reported for adjudication, never merged into the new owner's stream.
create table regent_fenced_write (
    event_id       varchar(255) primary key,
    aggregate_id   varchar(255) not null,
    sequence       bigint       not null,
    event_type     varchar(255) not null,
    epoch          bigint       not null,
    appended_at    varchar(255) not null,
    new_owner      varchar(32)  not null,
    new_epoch      bigint       not null,
    reported_at    timestamptz  not null default now()
);
create index regent_fenced_write_aggregate on regent_fenced_write (aggregate_id, sequence);
