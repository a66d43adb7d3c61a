-- The epoch under which the aggregate's stream was last copied to a new owner, as this row has seen it: a copy's
-- first event starts the row again (the new owner's view of the data replaces the former owner's), once per epoch.
alter table regent_view add column imported_epoch bigint not null default 0;
