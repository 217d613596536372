-- Improvement issues for benchmarks that regressed on the default branch (issue 4). An issue is opened either by
-- a deployment evaluation or by a benchmark run, never both; for a benchmark issue `environment` holds the branch
-- it regressed on and `metric_name` the benchmark and its measure. Benchmark fingerprints start with
-- `benchmarks/` while deployment ones start with the repository id, so the two kinds never share one.
alter table improvement_issues
  alter column opened_by_evaluation_id drop not null,
  add column opened_by_benchmark_run_id bigint references benchmark_runs (id),
  add column closed_by_benchmark_run_id bigint references benchmark_runs (id),
  add constraint improvement_issues_one_opener check (num_nonnulls(opened_by_evaluation_id, opened_by_benchmark_run_id) = 1);

-- Which benchmark run already commented on which issue, so a retried job never posts the same evidence twice
-- (issue_evidence does the same for evaluations).
create table benchmark_issue_evidence (
  issue_id bigint not null references improvement_issues (id) on delete cascade,
  run_id bigint not null references benchmark_runs (id) on delete cascade,
  comment_id bigint not null,
  created_at timestamptz not null default now(),
  primary key (issue_id, run_id)
);
