-- Improvement experiments: an issue labelled `experiment` states a hypothesis about one metric in one environment.
-- One row per issue. `state` is where the experiment stands:
--   invalid  — the issue's block cannot be read or names an unknown metric or environment (`problem` says why)
--   waiting  — a valid hypothesis; waiting for a merged pull request that closes it to be deployed and evaluated
--   confirmed / refuted / inconclusive — decided, from the evaluation in `evaluation_id`; never decided twice
create table experiments (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  installation_id bigint not null,
  issue_number integer not null,
  title text not null,
  state text not null check (state in ('invalid', 'waiting', 'confirmed', 'refuted', 'inconclusive')),
  metric_name text,
  environment text,
  -- The expectation as read: {"direction": "lower"|"higher"|"any", "pct": number|null, "text": "-10%"}.
  expectation jsonb,
  problem text,
  -- The hash of the last problem explained on the issue, so the same problem is explained once.
  explained_problem text,
  pr_number integer,
  merge_sha text,
  evaluation_id bigint references evaluations (id) on delete set null,
  -- The evidence the outcome was decided on (the metric result's numbers), so the API can show it.
  outcome jsonb,
  outcome_comment_id bigint,
  decided_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (repo_id, issue_number),
  check ((state in ('confirmed', 'refuted', 'inconclusive')) = (decided_at is not null))
);
create index experiments_waiting on experiments (repo_id, environment) where state = 'waiting';

-- The issues an experiment's body mentions (`#123`), so a radar item can show the experiments behind a move
-- (read by SQL from the radar side; features never import each other).
create table experiment_mentions (
  repo_id bigint not null,
  experiment_issue integer not null,
  mentioned_issue integer not null,
  primary key (repo_id, experiment_issue, mentioned_issue)
);
create index experiment_mentions_mentioned on experiment_mentions (repo_id, mentioned_issue);
