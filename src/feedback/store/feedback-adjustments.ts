import type { Threshold } from "../../analysis/verdict.js";
import type { Queryable } from "../../db/queryable.js";

/**
 * Puts a noise-floor adjustment in force for one metric, retiring the one before it (at most one is in force).
 * Run in a transaction.
 */
export async function applyAdjustment(
  db: Queryable,
  adjustment: { repoId: number; metricName: string; thresholdBefore: Threshold; threshold: Threshold; falseAlarms: number; appliedAt: Date },
): Promise<void> {
  await retireAdjustment(db, adjustment.repoId, adjustment.metricName, adjustment.appliedAt);
  await db.query({
    text: `insert into feedback_adjustments (repo_id, metric_name, kind, threshold_before, threshold, false_alarms, applied_at)
           values ($1, $2, 'noise-floor', $3, $4, $5, $6)`,
    values: [
      adjustment.repoId,
      adjustment.metricName,
      JSON.stringify(adjustment.thresholdBefore),
      JSON.stringify(adjustment.threshold),
      adjustment.falseAlarms,
      adjustment.appliedAt,
    ],
  });
}

/** Retires the adjustment in force for a metric, if any; returns whether there was one. */
export async function retireAdjustment(db: Queryable, repoId: number, metricName: string, at: Date): Promise<boolean> {
  const { rowCount } = await db.query({
    text: `update feedback_adjustments set retired_at = $3 where repo_id = $1 and metric_name = $2 and retired_at is null`,
    values: [repoId, metricName, at],
  });
  return (rowCount ?? 0) > 0;
}
