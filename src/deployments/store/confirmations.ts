import type { MetricVerdict } from "../../analysis/verdict.js";
import type { TimeWindow } from "../../analysis/time-window.js";
import type { Queryable } from "../../db/queryable.js";

/** Where a regressed metric's confirmation stands (migrations/003_confirmation.sql explains each state). */
export type ConfirmationState = "pending" | "confirmed" | "not-confirmed" | "not-needed" | "failed";

/** The confirmation columns of one `metric_results` row. */
export interface ConfirmationRow {
  metricName: string;
  state: ConfirmationState;
  windowStart: Date;
  windowEnd: Date;
  /** The confirmation window judged against the evaluation's baseline; null until it was measured. */
  verdict: MetricVerdict["verdict"] | null;
  reason: string | null;
  median: number | null;
  n: number | null;
  changePct: number | null;
  pValue: number | null;
}

/** How a pending confirmation settled: with the confirmation window's numbers when it was measured. */
export interface ConfirmationOutcome {
  state: Exclude<ConfirmationState, "pending">;
  reason: string;
  result?: MetricVerdict;
}

const COLUMNS = `metric_name as "metricName", confirmation as state,
  confirmation_start as "windowStart", confirmation_end as "windowEnd",
  confirmation_verdict as verdict, confirmation_reason as reason, confirmation_median as median,
  confirmation_n as n, confirmation_change_pct as "changePct", confirmation_p_value as "pValue"`;

/**
 * Marks these metrics of an evaluation as waiting for the confirmation window. Only rows that never asked for
 * a confirmation, or are still pending, change: a retried evaluation cannot reopen a settled one.
 */
export async function markConfirmationsPending(
  db: Queryable,
  evaluationId: number,
  metricNames: readonly string[],
  window: TimeWindow,
): Promise<void> {
  await db.query({
    text: `update metric_results set confirmation = 'pending', confirmation_start = $3, confirmation_end = $4
           where evaluation_id = $1 and metric_name = any($2::text[])
             and (confirmation is null or confirmation = 'pending')`,
    values: [evaluationId, metricNames, window.start, window.end],
  });
}

/** An evaluation's confirmations of one state (every state when left out), in config order. */
export async function listConfirmations(
  db: Queryable,
  evaluationId: number,
  state?: ConfirmationState,
): Promise<ConfirmationRow[]> {
  const { rows } = await db.query<ConfirmationRow>({
    text: `select ${COLUMNS} from metric_results
           where evaluation_id = $1 and confirmation is not null and ($2::text is null or confirmation = $2)
           order by position`,
    values: [evaluationId, state ?? null],
  });
  return rows;
}

/** Settles one pending confirmation. Returns false when it was no longer pending (a concurrent or earlier run). */
export async function settleConfirmation(
  db: Queryable,
  evaluationId: number,
  metricName: string,
  outcome: ConfirmationOutcome,
): Promise<boolean> {
  const { result } = outcome;
  const { rowCount } = await db.query({
    text: `update metric_results
           set confirmation = $3, confirmation_reason = $4, confirmation_verdict = $5, confirmation_median = $6,
               confirmation_n = $7, confirmation_change_pct = $8, confirmation_p_value = $9
           where evaluation_id = $1 and metric_name = $2 and confirmation = 'pending'`,
    values: [
      evaluationId,
      metricName,
      outcome.state,
      outcome.reason,
      result?.verdict ?? null,
      result?.candidate.median ?? null,
      result?.candidate.n ?? null,
      result?.changePct ?? null,
      result?.pValue ?? null,
    ],
  });
  return rowCount === 1;
}

/** Marks every still-pending confirmation of an evaluation failed, with the reason. Returns how many. */
export async function failPendingConfirmations(db: Queryable, evaluationId: number, reason: string): Promise<number> {
  const { rowCount } = await db.query({
    text: `update metric_results set confirmation = 'failed', confirmation_reason = $2
           where evaluation_id = $1 and confirmation = 'pending'`,
    values: [evaluationId, reason],
  });
  return rowCount ?? 0;
}
