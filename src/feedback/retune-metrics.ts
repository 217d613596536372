import { formatThreshold, type Threshold } from "../analysis/verdict.js";
import { noiseFloor } from "../analysis/tune-from-feedback.js";
import { listAdjustments, listFalseAlarms } from "../db/verdict-feedback.js";
import { withTransaction } from "../db/with-transaction.js";
import type { FeedbackAction } from "./feedback-action.js";
import { applyAdjustment, retireAdjustment } from "./store/feedback-adjustments.js";

/**
 * With `feedback.auto_tune`, brings each metric's adjustment in line with its false alarms in force: from
 * `tune_after` of them, a threshold just above the largest marked move (at most `max_raise` times the configured
 * one); below that, none. Returns one sentence per change, for the reply: Kaizen never tunes silently.
 * Metrics not configured as deployment metrics (benchmarks) are left alone.
 */
export async function retuneMetrics(action: FeedbackAction, metricNames: readonly string[]): Promise<string[]> {
  const { config, pool, target } = action;
  if (!config.feedback.auto_tune) return [];
  const at = new Date(target.at);
  const notes: string[] = [];
  for (const name of new Set(metricNames)) {
    const metric = config.metrics.find((m) => m.name === name);
    if (!metric) continue;
    const alarms = await listFalseAlarms(pool, target.repoId, name);
    const current = (await listAdjustments(pool, target.repoId)).get(name);
    const floor = alarms.length >= config.feedback.tune_after ? noiseFloor(alarms, metric.threshold, config.feedback.max_raise) : null;
    const show = (t: Threshold) => formatThreshold(t, metric.unit);
    if (floor && !(current && sameThreshold(current.threshold, floor))) {
      const adjustment = { repoId: target.repoId, metricName: name, thresholdBefore: metric.threshold, threshold: floor, falseAlarms: alarms.length, appliedAt: at };
      await withTransaction(pool, (db) => applyAdjustment(db, adjustment));
      notes.push(`🎚️ Auto-tune: **${name}** has ${alarms.length} false alarms marked, so its threshold is raised from ${show(metric.threshold)} to ${show(floor)}; every later verdict says so.`);
    } else if (!floor && current && (await retireAdjustment(pool, target.repoId, name, at))) {
      notes.push(`🎚️ Auto-tune: **${name}** is back to its configured threshold of ${show(metric.threshold)}.`);
    }
  }
  return notes;
}

function sameThreshold(a: Threshold, b: Threshold): boolean {
  return a.kind === b.kind && Math.abs(a.value - b.value) < 1e-12;
}
