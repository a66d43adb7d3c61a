-- Reconciliation runs (their report as JSON) and the drift each found, per aggregate: what blocks dependent workflows
-- until a later run finds the aggregate clean.
create table regent_reconciliation_run (
    run_id      varchar(64)  not null primary key,
    status      varchar(32)  not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    report      jsonb        not null
);
create index regent_reconciliation_run_latest on regent_reconciliation_run (started_at desc);

create table regent_drift (
    run_id           varchar(64)  not null,
    view_name        varchar(100) not null,
    aggregate_id     varchar(255) not null,
    aggregate_type   varchar(255) not null,
    owner_region     varchar(32)  not null,
    drift_class      varchar(16)  not null,
    owner_sequence   bigint       not null,
    replica_sequence bigint       not null,
    primary key (run_id, view_name, aggregate_id)
);
create index regent_drift_aggregate on regent_drift (aggregate_id);
