import type { Threshold, Verdict } from "../../analysis/verdict.js";
import { queryRow, queryRows } from "../../db/query-rows.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";

/** One evaluated deploy's levels of one metric: the baseline and candidate medians stored with its verdict. */
export interface MetricLevelRow {
  evaluationId: number;
  githubDeploymentId: number;
  sha: string;
  statusAt: Date;
  query: string;
  verdict: Verdict;
  threshold: Threshold;
  /** The level before the deploy (its baseline window's median) and after it (its candidate window's). */
  before: number | null;
  after: number | null;
  changePct: number | null;
  changeAbs: number | null;
}

/**
 * The levels of `metricName` in one repository and environment, deploy after deploy, for deployment statuses in
 * (`since`, `until`], oldest first: metric_results keeps a level per evaluated deploy, so this is the table of levels.
 */
export async function listMetricLevels(
  db: Queryable,
  key: { repoId: number; environment: string; metricName: string },
  since: Date,
  until: Date,
): Promise<MetricLevelRow[]> {
  return queryRows<MetricLevelRow>(
    db,
    `select e.id as "evaluationId", d.github_deployment_id as "githubDeploymentId", d.sha,
             e.status_created_at as "statusAt", r.query, r.verdict, r.threshold, r.baseline_median as before,
             r.candidate_median as after, r.change_pct as "changePct", r.change_abs as "changeAbs"
           from metric_results r
           join evaluations e on e.id = r.evaluation_id
           join deployments d on d.id = e.deployment_id
           where d.repo_id = $1 and d.environment = $2 and r.metric_name = $3
             and e.status_created_at > $4 and e.status_created_at <= $5
           order by e.status_created_at, e.id`,
    [key.repoId, key.environment, key.metricName, since, until],
  );
}

/** The level of `metricName` after the newest deploy whose status came after `statusAt`, or null when none is stored. */
export async function findNewestLevelAfter(
  db: Queryable,
  key: { repoId: number; environment: string; metricName: string },
  statusAt: Date,
): Promise<{ after: number; statusAt: Date } | null> {
  return queryRow<{ after: number; statusAt: Date }>(
    db,
    `select r.candidate_median as after, e.status_created_at as "statusAt"
           from metric_results r
           join evaluations e on e.id = r.evaluation_id
           join deployments d on d.id = e.deployment_id
           where d.repo_id = $1 and d.environment = $2 and r.metric_name = $3
             and e.status_created_at > $4 and r.candidate_median is not null
           order by e.status_created_at desc, e.id desc
           limit 1`,
    [key.repoId, key.environment, key.metricName, statusAt],
  );
}

/** Repositories and environments with an evaluated deploy since `since`, for the daily drift check. */
export async function listRecentlyEvaluated(
  db: Queryable,
  since: Date,
): Promise<Array<{ repoId: number; owner: string; repo: string; installationId: number; environment: string; evaluationId: number }>> {
  const { rows } = await db.query({
    text: `select distinct on (d.repo_id, d.environment) d.repo_id as "repoId", d.owner, d.repo,
             d.installation_id as "installationId", d.environment, e.id as "evaluationId"
           from evaluations e join deployments d on d.id = e.deployment_id
           where e.status_created_at > $1 and exists (select 1 from metric_results r where r.evaluation_id = e.id)
           order by d.repo_id, d.environment, e.status_created_at desc, e.id desc`,
    values: [since],
    types: bigintAsNumber,
  });
  return rows as Array<{ repoId: number; owner: string; repo: string; installationId: number; environment: string; evaluationId: number }>;
}
