-- Whose turn it is in a job group (pg-boss `group`): pg-boss checks a group's limit in each fetch on its own, so two
-- processes fetching at the same moment can both start a job of one group. The job that claims the group's row runs;
-- the other waits, holding no connection, until the row is released or its holder is no longer active
-- (src/queue/create-queue.ts).
create table job_group_turns (
  name text not null,
  group_id text not null,
  job_id text not null,
  claimed_at timestamptz not null default now(),
  primary key (name, group_id)
);
