-- Issue 12: slow creep. Drift issues live in improvement_issues beside regression issues, told apart by `kind`,
-- so one open issue per fingerprint, the markers, and later false-alarm marking work the same for both. A drift
-- issue's fingerprint starts with `drift/`; `level_before` is the level the metric drifted away from, and the
-- opener is the evaluation (or benchmark run) whose check found the drift.
alter table improvement_issues
  add column kind text not null default 'regression' check (kind in ('regression', 'drift'));

-- The level after each evaluated deploy is metric_results.candidate_median (the one before it baseline_median);
-- the drift check reads one metric's levels in one environment, in deploy order, over `drift.window`.
create index evaluations_status_created_at on evaluations (deployment_id, status_created_at);
create index deployments_repo_environment on deployments (repo_id, environment);
create index metric_results_metric_name on metric_results (metric_name, evaluation_id);
