import type { TimeWindow } from "../../analysis/time-window.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { DeploymentRow } from "./deployments.js";
import type { Queryable } from "../../db/queryable.js";

export type EvaluationState = "pending" | "scheduled" | "skipped" | "config-error" | "reported" | "failed";

/** A row of `evaluations`. The four window bounds are all set (once scheduled) or all null. */
export interface EvaluationRow {
  id: number;
  deploymentId: number;
  githubStatusId: number;
  statusCreatedAt: Date;
  deliveryId: string | null;
  state: EvaluationState;
  baselineStart: Date | null;
  baselineEnd: Date | null;
  candidateStart: Date | null;
  candidateEnd: Date | null;
  checkRunId: number | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The baseline and candidate windows an evaluation compares. */
export interface EvaluationWindowsRow {
  baseline: TimeWindow;
  candidate: TimeWindow;
}

/** An evaluation with the deployment it belongs to: everything a job needs to act on it. */
export interface EvaluationContext extends EvaluationRow, Omit<DeploymentRow, "id" | "createdAt"> {
  /** null until the evaluation is scheduled. */
  windows: EvaluationWindowsRow | null;
}

const COLUMNS = `e.id, e.deployment_id as "deploymentId", e.github_status_id as "githubStatusId",
  e.status_created_at as "statusCreatedAt", e.delivery_id as "deliveryId", e.state,
  e.baseline_start as "baselineStart", e.baseline_end as "baselineEnd",
  e.candidate_start as "candidateStart", e.candidate_end as "candidateEnd",
  e.check_run_id as "checkRunId", e.note, e.created_at as "createdAt", e.updated_at as "updatedAt"`;

/** The evaluation with its deployment, or null when there is no such evaluation. */
export async function getEvaluation(db: Queryable, id: number): Promise<EvaluationContext | null> {
  const { rows } = await db.query<Omit<EvaluationContext, "windows">>({
    text: `select ${COLUMNS}, d.repo_id as "repoId", d.owner, d.repo, d.installation_id as "installationId",
             d.github_deployment_id as "githubDeploymentId", d.environment, d.sha, d.ref, d.url
           from evaluations e join deployments d on d.id = e.deployment_id
           where e.id = $1`,
    values: [id],
    types: bigintAsNumber,
  });
  const row = rows[0];
  if (!row) return null;
  const { baselineStart, baselineEnd, candidateStart, candidateEnd } = row;
  const windows =
    baselineStart && baselineEnd && candidateStart && candidateEnd
      ? { baseline: { start: baselineStart, end: baselineEnd }, candidate: { start: candidateStart, end: candidateEnd } }
      : null;
  return { ...row, windows };
}

/**
 * Stores the windows and moves a pending evaluation to `scheduled`. Re-scheduling a scheduled one (a retried
 * planning job) rewrites the same windows; a finished evaluation is left alone. Returns whether a row changed.
 */
export async function scheduleEvaluation(db: Queryable, id: number, windows: EvaluationWindowsRow): Promise<boolean> {
  const { rowCount } = await db.query({
    text: `update evaluations
           set state = 'scheduled', baseline_start = $2, baseline_end = $3, candidate_start = $4, candidate_end = $5,
               updated_at = now()
           where id = $1 and state in ('pending', 'scheduled')`,
    values: [id, windows.baseline.start, windows.baseline.end, windows.candidate.start, windows.candidate.end],
  });
  return rowCount === 1;
}

/** Moves an evaluation to a final state, with an optional note saying why. Returns whether the row exists. */
export async function finishEvaluation(
  db: Queryable,
  id: number,
  state: Extract<EvaluationState, "skipped" | "config-error" | "reported" | "failed">,
  note?: string,
): Promise<boolean> {
  const { rowCount } = await db.query({
    text: "update evaluations set state = $2, note = coalesce($3, note), updated_at = now() where id = $1",
    values: [id, state, note ?? null],
  });
  return rowCount === 1;
}

/** Remembers the check run that reports the evaluation, so a retry updates it instead of creating another. */
export async function setEvaluationCheckRun(db: Queryable, id: number, checkRunId: number): Promise<boolean> {
  const { rowCount } = await db.query({
    text: "update evaluations set check_run_id = $2, updated_at = now() where id = $1",
    values: [id, checkRunId],
  });
  return rowCount === 1;
}

/** The ids of a repository's reported evaluations whose deployment status came at or after `since`, oldest first. */
export async function listReportedEvaluationIds(db: Queryable, repoId: number, since: Date, environment?: string): Promise<number[]> {
  const { rows } = await db.query<{ id: number }>({
    text: `select e.id from evaluations e join deployments d on d.id = e.deployment_id
            where d.repo_id = $1 and e.state = 'reported' and e.status_created_at >= $2 and e.baseline_start is not null
              and ($3::text is null or d.environment = $3)
            order by e.status_created_at, e.id`,
    values: [repoId, since, environment ?? null],
    types: bigintAsNumber,
  });
  return rows.map((row) => row.id);
}
