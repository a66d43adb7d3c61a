-- Answers to requests that carried an Idempotency-Key, per caller and key: a retry within the retention gets the first
-- answer again. A row without a status is a request still in flight; an attempt that died with its service frees the
-- key at locked_until. Rows past expires_at are deleted in batches.
create table regent_idempotency_key (
    caller          text         not null,
    idempotency_key varchar(255) not null,
    fingerprint     char(64)     not null,
    request_line    text         not null,
    attempt         uuid         not null,
    status          smallint,
    content_type    varchar(255),
    location        text,
    body            bytea,
    created_at      timestamptz  not null default now(),
    locked_until    timestamptz,
    expires_at      timestamptz  not null,
    primary key (caller, idempotency_key)
);
create index regent_idempotency_key_expiry on regent_idempotency_key (expires_at);
