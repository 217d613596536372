-- The dashboard (issue 14) reads a metric's whole history per repository and environment: a year of hourly deploys
-- is ~8 800 deployments, each joined to its evaluation and one metric result. This index finds them in time order
-- without scanning other repositories' or environments' deployments; evaluations (deployment_id) and
-- metric_results (evaluation_id, metric_name) already serve the joins.
create index deployments_repo_environment_created on deployments (repo_id, environment, created_at);

-- A deploy's marker links the pull request that shipped it: the merged pull request whose merge commit is the
-- deployed commit (recorded by DORA).
create index dora_pulls_merge_commit on dora_pulls (repo_id, merge_commit_sha);

-- A metric page reads one metric of ~8 800 evaluations: found through this index instead of scanning every metric's
-- (wide) results.
create index metric_results_metric_evaluation on metric_results (metric_name, evaluation_id);
