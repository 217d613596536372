import { queryRow, queryRows } from "./query-rows.js";
import type { Queryable } from "./queryable.js";

/**
 * The deployments feature's verdicts as other features read them (experiments, the gate): read-only, by SQL,
 * since features never import each other. Kept here, next to the other shared tables, so both readers agree on
 * which evaluation of a commit counts.
 */
export interface EvaluationOfSha {
  id: number;
  state: "pending" | "scheduled" | "skipped" | "config-error" | "reported" | "failed";
  note: string | null;
  githubDeploymentId: number;
  statusCreatedAt: Date;
  candidateEnd: Date | null;
  checkRunId: number | null;
}

/** One metric's verdict with the numbers behind it. */
export interface MetricVerdictRow {
  metricName: string;
  verdict: "regression" | "improvement" | "no-change" | "inconclusive";
  reason: string;
  unit: string;
  better: "lower" | "higher";
  baselineMedian: number | null;
  candidateMedian: number | null;
  baselineN: number;
  candidateN: number;
  changePct: number | null;
  pValue: number | null;
  graphUrl: string | null;
  /** Where a regression's confirmation stands (null: none was asked for). */
  confirmation: "pending" | "confirmed" | "not-confirmed" | "not-needed" | "failed" | null;
}

/**
 * The evaluation of `sha` deployed to `environment`: a reported one first (a commit deployed twice is judged by
 * its finished evaluation), else the latest. Null when that commit was never deployed there.
 */
export async function findEvaluationOfSha(
  db: Queryable,
  { repoId, environment, sha }: { repoId: number; environment: string; sha: string },
): Promise<EvaluationOfSha | null> {
  return queryRow<EvaluationOfSha>(
    db,
    `select e.id, e.state, e.note, d.github_deployment_id as "githubDeploymentId",
                  e.status_created_at as "statusCreatedAt", e.candidate_end as "candidateEnd", e.check_run_id as "checkRunId"
             from evaluations e join deployments d on d.id = e.deployment_id
            where d.repo_id = $1 and d.environment = $2 and d.sha = $3
            order by (e.state = 'reported') desc, e.status_created_at desc, e.id desc
            limit 1`,
    [repoId, environment, sha],
  );
}

/** The verdicts of one evaluation, in the config's order. */
export async function listMetricVerdicts(db: Queryable, evaluationId: number): Promise<MetricVerdictRow[]> {
  return queryRows<MetricVerdictRow>(
    db,
    `select metric_name as "metricName", verdict, reason, unit, better,
                  baseline_median as "baselineMedian", candidate_median as "candidateMedian",
                  baseline_n as "baselineN", candidate_n as "candidateN", change_pct as "changePct",
                  p_value as "pValue", graph_url as "graphUrl", confirmation
             from metric_results where evaluation_id = $1 order by position`,
    [evaluationId],
  );
}

/** A reported evaluation of one of a pull request's commits, with where it ran. */
export interface ReportedEvaluation {
  id: number;
  environment: string;
  sha: string;
  statusCreatedAt: Date;
}

/** The latest reported evaluation per environment of any of these commits (a pull request's head and merge commits). */
export async function listReportedEvaluationsOfShas(db: Queryable, repoId: number, shas: readonly string[]): Promise<ReportedEvaluation[]> {
  return queryRows<ReportedEvaluation>(
    db,
    `select distinct on (d.environment) e.id, d.environment, d.sha, e.status_created_at as "statusCreatedAt"
             from evaluations e join deployments d on d.id = e.deployment_id
            where d.repo_id = $1 and d.sha = any($2::text[]) and e.state = 'reported'
            order by d.environment, e.status_created_at desc, e.id desc`,
    [repoId, shas],
  );
}
