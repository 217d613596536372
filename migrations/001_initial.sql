-- Kaizen's initial schema. Forward-only: later changes go in 002_*.sql and onwards, never here.

-- One GitHub deployment; several statuses (and their redeliveries) may point at it.
create table deployments (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  installation_id bigint not null,
  github_deployment_id bigint not null,
  environment text not null,
  sha text not null,
  ref text not null,
  url text,
  created_at timestamptz not null default now(),
  unique (repo_id, github_deployment_id)
);

-- One evaluation per successful deployment status. The unique status id makes a redelivered or duplicate
-- webhook land on the same row, so it is planned and reported at most once.
create table evaluations (
  id bigserial primary key,
  deployment_id bigint not null references deployments (id) on delete cascade,
  github_status_id bigint not null unique,
  status_created_at timestamptz not null,
  delivery_id text,
  state text not null default 'pending'
    check (state in ('pending', 'scheduled', 'skipped', 'config-error', 'reported')),
  baseline_start timestamptz,
  baseline_end timestamptz,
  candidate_start timestamptz,
  candidate_end timestamptz,
  check_run_id bigint,
  note text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- the windows are persisted together or not at all
  check (num_nulls(baseline_start, baseline_end, candidate_start, candidate_end) in (0, 4))
);
create index evaluations_deployment_id on evaluations (deployment_id);

-- The verdict and every number behind it, per metric of an evaluation. `position` keeps the config's order.
create table metric_results (
  evaluation_id bigint not null references evaluations (id) on delete cascade,
  metric_name text not null,
  position integer not null,
  source text not null,
  query text not null,
  unit text not null,
  better text not null check (better in ('lower', 'higher')),
  threshold jsonb not null,
  verdict text not null check (verdict in ('regression', 'improvement', 'no-change', 'inconclusive')),
  reason text not null,
  baseline_median double precision,
  baseline_n integer not null,
  candidate_median double precision,
  candidate_n integer not null,
  change_pct double precision,
  change_abs double precision,
  p_value double precision,
  test text not null,
  graph_url text,
  primary key (evaluation_id, metric_name)
);

-- An issue Kaizen opened for a regressed metric, kept until the metric recovers to `level_before`.
create table improvement_issues (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  environment text not null,
  metric_name text not null,
  fingerprint text not null,
  issue_number integer not null,
  state text not null default 'open' check (state in ('open', 'closed')),
  level_before double precision,
  better text not null check (better in ('lower', 'higher')),
  threshold jsonb not null,
  opened_by_evaluation_id bigint not null references evaluations (id),
  closed_by_evaluation_id bigint references evaluations (id),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  check ((state = 'closed') = (closed_at is not null))
);
-- At most one open issue per fingerprint; closed ones are history and may repeat.
create unique index improvement_issues_open_fingerprint on improvement_issues (fingerprint) where state = 'open';
create index improvement_issues_open_by_repo on improvement_issues (repo_id, environment) where state = 'open';

-- Which evaluation already commented on which issue, so a retried job never posts the same evidence twice.
create table issue_evidence (
  issue_id bigint not null references improvement_issues (id) on delete cascade,
  evaluation_id bigint not null references evaluations (id) on delete cascade,
  comment_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (issue_id, evaluation_id)
);

-- The sticky comment per pull request and marker (one marker per environment), updated in place.
create table pr_comments (
  repo_id bigint not null,
  pr_number integer not null,
  marker text not null,
  comment_id bigint not null,
  updated_at timestamptz not null default now(),
  primary key (repo_id, pr_number, marker)
);
