-- Issue 17: improvement issues change only in the order of what they measure, not of when a job finished.
-- `last_sha` is the default-branch commit whose benchmark comparison opened or last updated a benchmark issue;
-- `last_status_at` is the deployment status time of the evaluation that opened or last updated a deployment issue.
-- A comparison of an ancestor of `last_sha`, or an evaluation of a status no later than `last_status_at`, never
-- comments on or closes the issue.
alter table improvement_issues
  add column last_sha text,
  add column last_status_at timestamptz;

update improvement_issues i set last_sha = r.head_sha
  from benchmark_runs r where r.id = coalesce(i.closed_by_benchmark_run_id, i.opened_by_benchmark_run_id);

-- The newest evaluation that opened, commented on or closed the issue.
update improvement_issues i set last_status_at = (
  select max(e.status_created_at) from evaluations e
  where e.id = i.opened_by_evaluation_id or e.id = i.closed_by_evaluation_id
     or e.id in (select ev.evaluation_id from issue_evidence ev where ev.issue_id = i.id)
) where i.opened_by_evaluation_id is not null;

-- Per (repository, default branch): the newest commit whose push comparison was applied to the benchmark issues.
-- A push that is not a descendant of it arrived late; it may still report on its own commit, but the issues
-- have moved past it.
create table benchmark_issue_tips (
  repo_id bigint not null,
  branch text not null,
  sha text not null,
  run_id bigint not null references benchmark_runs (id),
  updated_at timestamptz not null default now(),
  primary key (repo_id, branch)
);
