-- Every owner an aggregate has had, by epoch: what an auditor asks ("who owned it, when").
create table regent_ownership_history (
    aggregate_id varchar(255) not null,
    epoch        bigint       not null,
    owner_region varchar(32)  not null,
    rule         varchar(255) not null,
    kind         varchar(16)  not null,
    reason       text,
    at           timestamptz  not null,
    primary key (aggregate_id, epoch)
);
insert into regent_ownership_history (aggregate_id, epoch, owner_region, rule, kind, at)
select aggregate_id, epoch, owner_region, rule, 'ASSIGNED', assigned_at from regent_ownership;
