-- The instances of this region's service that share its database: each heartbeats; live = a recent heartbeat.
-- Times are the database's (now()), never an instance's clock: instances need not agree on the time.
create table regent_instance (
    instance_id  varchar(64)   not null primary key,
    region       varchar(32)   not null,
    public_url   varchar(500),
    peer_url     varchar(500),
    started_at   timestamptz   not null,
    heartbeat_at timestamptz   not null
);

create index regent_instance_heartbeat on regent_instance (heartbeat_at);

-- Named leases: work done once per region runs on the instance holding its lease. A lease past expires_at is free
-- for any instance to take; its holder renews it before then.
create table regent_lease (
    name        varchar(200) not null primary key,
    holder      varchar(64)  not null,
    acquired_at timestamptz  not null,
    expires_at  timestamptz  not null
);

create index regent_lease_holder on regent_lease (holder);
