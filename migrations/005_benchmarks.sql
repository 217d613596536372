-- CI benchmark results (issue 4). A workflow run is recorded once per GitHub run id, so a redelivered
-- workflow_run webhook lands on the same row; its results are stored per (repo, branch, sha, benchmark, measure),
-- the latest run for a commit winning, so a baseline lookup is one indexed query per commit.
create table benchmark_runs (
  id bigserial primary key,
  repo_id bigint not null,
  owner text not null,
  repo text not null,
  installation_id bigint not null,
  github_run_id bigint not null unique,
  workflow_name text not null,
  event text not null,
  head_branch text not null,
  head_sha text not null,
  -- for runs from a fork: the fork's owner, so its pull request can be found (GitHub leaves pull_requests empty)
  head_owner text,
  state text not null default 'pending'
    check (state in ('pending', 'skipped', 'ingested', 'reported', 'failed')),
  -- what could not be read, as [{ file, line, reason, fix }], shown on the check run
  problems jsonb not null default '[]',
  note text,
  check_run_id bigint,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index benchmark_runs_repo_sha on benchmark_runs (repo_id, head_sha);

create table benchmark_results (
  repo_id bigint not null,
  branch text not null,
  sha text not null,
  benchmark text not null,
  measure text not null,
  run_id bigint not null references benchmark_runs (id) on delete cascade,
  unit text not null,
  better text check (better in ('lower', 'higher')),
  value double precision not null,
  samples double precision[],
  file text not null,
  format text not null,
  created_at timestamptz not null default now(),
  primary key (repo_id, branch, sha, benchmark, measure)
);
create index benchmark_results_repo_sha on benchmark_results (repo_id, sha);
create index benchmark_results_history on benchmark_results (repo_id, branch, benchmark, measure, created_at desc);
