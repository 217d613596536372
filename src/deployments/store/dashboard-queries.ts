import { bigintAsNumber } from "../../db/bigint-as-number.js";
import { queryRows } from "../../db/query-rows.js";
import { listReposIn } from "../../db/list-repos-in.js";
import type { Queryable } from "../../db/queryable.js";
import type { Verdict } from "../../analysis/verdict.js";

/** One metric's verdict in the latest evaluation of an environment. */
export interface LatestVerdictRow {
  environment: string;
  evaluationId: number;
  deployedAt: Date;
  sha: string;
  checkRunId: number | null;
  metricName: string;
  unit: string;
  verdict: Verdict;
  candidateMedian: number | null;
  changePct: number | null;
}

/** The latest reported evaluation of every environment of a repository, one row per metric, in config order. */
export async function listLatestVerdicts(db: Queryable, repoId: number): Promise<LatestVerdictRow[]> {
  return queryRows<LatestVerdictRow>(
    db,
    `select envs.environment, latest.id as "evaluationId", latest.status_created_at as "deployedAt", latest.sha,
             latest.check_run_id as "checkRunId", m.metric_name as "metricName", m.unit, m.verdict,
             m.candidate_median as "candidateMedian", m.change_pct as "changePct"
           from (select distinct environment from deployments where repo_id = $1) envs
           cross join lateral (
             select e.id, e.status_created_at, e.check_run_id, d.sha from deployments d
             join evaluations e on e.deployment_id = d.id
             where d.repo_id = $1 and d.environment = envs.environment and e.state = 'reported'
             order by d.created_at desc, e.status_created_at desc limit 1
           ) latest
           join metric_results m on m.evaluation_id = latest.id
           order by envs.environment, m.position`,
    [repoId],
  );
}

export interface OpenIssueRow {
  /** A regression's improvement issue, or a slow creep's drift issue (issue 12). */
  kind: "regression" | "drift";
  issueNumber: number;
  environment: string;
  metricName: string;
  openedAt: Date;
}

/** Open improvement and drift issues opened by deployment evaluations (benchmark issues are the benchmarks' own). */
export async function listOpenDeploymentIssues(db: Queryable, repoId: number): Promise<OpenIssueRow[]> {
  const { rows } = await db.query<OpenIssueRow>({
    text: `select kind, issue_number as "issueNumber", environment, metric_name as "metricName", created_at as "openedAt"
           from improvement_issues
           where repo_id = $1 and state = 'open' and opened_by_evaluation_id is not null
           order by created_at desc`,
    values: [repoId],
  });
  return rows;
}

/** One deploy's comparison of a metric, with what its marker links to. Times are unix seconds (for the chart). */
export interface MetricHistoryRow {
  deployedAt: number;
  sha: string;
  checkRunId: number | null;
  /** The merged pull request whose merge commit was deployed, when DORA recorded it. */
  pullNumber: number | null;
  candidateStart: number | null;
  candidateEnd: number | null;
  verdict: Verdict;
  baselineMedian: number | null;
  candidateMedian: number | null;
  changePct: number | null;
  pValue: number | null;
  /** Half the width of the comparison's no-change band around the baseline median (see metric-page.ts). */
  bandHalf: number | null;
}

/**
 * A metric's comparisons in one environment between `from` and `to`, oldest first, with the metric's latest unit.
 * Shaped for a year of hourly deploys: the band is computed here and only numbers leave the database (no jsonb to
 * parse per row), and the pull requests are joined once per repository rather than looked up per deploy.
 */
export async function listMetricHistory(
  db: Queryable,
  query: { repoId: number; environment: string; metric: string; from: Date; to: Date },
): Promise<{ unit: string; rows: MetricHistoryRow[] }> {
  const { rows } = await db.query<MetricHistoryRow & { unit: string }>({
    text: `select extract(epoch from e.status_created_at)::float8 as "deployedAt", d.sha, e.check_run_id as "checkRunId",
             p.pr_number as "pullNumber",
             extract(epoch from e.candidate_start)::float8 as "candidateStart", extract(epoch from e.candidate_end)::float8 as "candidateEnd",
             m.unit, m.verdict, m.baseline_median as "baselineMedian", m.candidate_median as "candidateMedian",
             m.change_pct as "changePct", m.p_value as "pValue",
             greatest(
               case when m.threshold->>'kind' = 'relative'
                 then (m.threshold->>'value')::float8 * coalesce((m.explanation #>> '{relativeTo,value}')::float8, abs(m.baseline_median))
                 else (m.threshold->>'value')::float8 end,
               coalesce((m.explanation #>> '{noise,absolute}')::float8, 0)
             ) as "bandHalf"
           from deployments d
           join evaluations e on e.deployment_id = d.id
           join metric_results m on m.evaluation_id = e.id and m.metric_name = $3
           left join (
             select distinct on (merge_commit_sha) merge_commit_sha, pr_number from dora_pulls
             where repo_id = $1 order by merge_commit_sha, merged_at
           ) p on p.merge_commit_sha = d.sha
           where d.repo_id = $1 and d.environment = $2 and d.created_at >= $4 and d.created_at < $5
             and e.state = 'reported'
           order by e.status_created_at, e.id`,
    values: [query.repoId, query.environment, query.metric, query.from, query.to],
    types: bigintAsNumber,
  });
  return { unit: rows.at(-1)?.unit ?? "", rows };
}

/** The repositories with deployment evaluations, under their latest known names. */
export async function listDeploymentRepos(db: Queryable): Promise<{ id: number; owner: string; name: string }[]> {
  return listReposIn(db, "deployments");
}

/** A drift issue's life in deploy time (unix seconds): from the deploy whose check opened it to the one that closed it. */
export interface DriftSpanRow {
  issueNumber: number;
  openedAt: number;
  openedSha: string;
  /** Null while the issue is open; the time it was closed when no deploy's check closed it (closed on GitHub). */
  closedAt: number | null;
  closedSha: string | null;
  levelBefore: number | null;
}

/**
 * A metric's drift issues in one environment whose life overlaps `from`–`to`, oldest first. The span is when
 * Kaizen said the metric had drifted (the issue open), as recorded — not a fresh drift check over the levels.
 */
export async function listDriftSpans(
  db: Queryable,
  query: { repoId: number; environment: string; metric: string; from: Date; to: Date },
): Promise<DriftSpanRow[]> {
  return queryRows<DriftSpanRow>(
    db,
    `select i.issue_number as "issueNumber", extract(epoch from opened.status_created_at)::float8 as "openedAt",
             opened_deploy.sha as "openedSha", extract(epoch from coalesce(closed.status_created_at, i.closed_at))::float8 as "closedAt",
             closed_deploy.sha as "closedSha", i.level_before as "levelBefore"
           from improvement_issues i
           join evaluations opened on opened.id = i.opened_by_evaluation_id
           join deployments opened_deploy on opened_deploy.id = opened.deployment_id
           left join evaluations closed on closed.id = i.closed_by_evaluation_id
           left join deployments closed_deploy on closed_deploy.id = closed.deployment_id
           where i.repo_id = $1 and i.environment = $2 and i.metric_name = $3 and i.kind = 'drift'
             and opened.status_created_at < $5 and (i.state = 'open' or coalesce(closed.status_created_at, i.closed_at) >= $4)
           order by opened.status_created_at, i.id`,
    [query.repoId, query.environment, query.metric, query.from, query.to],
  );
}
