-- Share keys other regions granted this one (see SubjectKeys.shareKey): what their SHARE'd personal values travel
-- under. Wrapped with this region's master key; a null wrapped_key is a subject its owner erased.
create table regent_granted_key (
    owner_region varchar(32)  not null,
    subject_id   varchar(255) not null,
    wrapped_key  bytea,
    granted_at   timestamptz  not null default now(),
    erased_at    timestamptz,
    primary key (owner_region, subject_id)
);
