-- Repositories the app lost access to (installation deleted, repository removed from it): their data is deleted
-- once the grace period (KAIZEN_RETENTION) has passed since `removed_at`, unless the repository comes back first.
create table repo_removals (
  repo_id bigint primary key,
  full_name text not null,
  installation_id bigint not null,
  removed_at timestamptz not null default now()
);

-- Pruning reads skipped workflow runs by age.
create index benchmark_runs_skipped on benchmark_runs (created_at) where state = 'skipped';
