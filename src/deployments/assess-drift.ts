import type pg from "pg";
import { detectDrift, type DriftResult } from "../analysis/detect-drift.js";
import type { Threshold } from "../analysis/verdict.js";
import type { KaizenConfig, MetricConfig } from "../config/schema/kaizen-config.js";
import type { DriftStep } from "../github/sync-drift-issue.js";
import { listMetricLevels, type MetricLevelRow } from "./store/metric-levels.js";

/** One metric's drift check in one environment: the span it looked at and what it found. */
export interface MetricDrift {
  metric: MetricConfig;
  /** drift.threshold, else the metric's own. */
  threshold: Threshold;
  result: DriftResult;
  /** The deploys in the span, oldest first. */
  steps: DriftStep[];
  /** The evaluations behind them, in the same order. */
  evaluationIds: number[];
  /** The newest stored level and its deploy's commit, whatever the span. */
  latest: { level: number; sha: string; evaluationId: number; statusAt: Date } | null;
  /** What the span left out, in words. */
  excluded: string[];
}

// The metric's alpha is for one look; the drift check looks again after every deploy and every day.
const REPEATED_LOOKS = 10;

/**
 * The drift check over `drift.window` for every configured metric of one repository and environment, on the levels
 * stored with each evaluated deploy (metric_results):
 * 1. levels — each deploy's candidate median, oldest first, within the window up to `now`.
 * 2. span   — only deploys measured with the metric's current query (another query is another series), and only
 *             those after the newest deploy whose own verdict was a regression or an improvement: that change is
 *             reported on its own, and the drift counts from the level it left.
 * 3. check  — detectDrift from the first deploy's baseline median over the levels after each one, against
 *             drift.threshold (else the metric's threshold) at the metric's alpha divided by 10 for the repeated looks.
 */
export async function assessDrift(
  pool: pg.Pool,
  input: { repoId: number; environment: string; config: KaizenConfig; now: Date },
): Promise<MetricDrift[]> {
  const { repoId, environment, config, now } = input;
  const since = new Date(now.getTime() - config.drift.window);
  const drifts: MetricDrift[] = [];
  for (const metric of config.metrics) {
    const rows = await listMetricLevels(pool, { repoId, environment, metricName: metric.name }, since, now);
    const measured = rows.filter((row): row is MetricLevelRow & { after: number } => row.after !== null && Number.isFinite(row.after));
    const newest = measured.at(-1);
    const latest = newest ? { level: newest.after, sha: newest.sha, evaluationId: newest.evaluationId, statusAt: newest.statusAt } : null;
    const { span, excluded } = chooseSpan(measured, metric);
    const threshold = config.drift.threshold ?? metric.threshold;
    const start = span[0]?.before ?? span[0]?.after ?? 0;
    const result = detectDrift({ start, levels: span.map((row) => row.after) }, { better: metric.better, threshold, alpha: metric.alpha / REPEATED_LOOKS });
    const changePoints = new Set(result.changePoints);
    const steps = span.map((row, i) => ({
      sha: row.sha,
      at: row.statusAt,
      level: row.after,
      step: result.steps[i] ?? 0,
      ownChangePct: row.changePct,
      newLevel: changePoints.has(i),
    }));
    drifts.push({ metric, threshold, result, steps, evaluationIds: span.map((row) => row.evaluationId), latest, excluded });
  }
  return drifts;
}

function chooseSpan<Row extends MetricLevelRow>(rows: Row[], metric: MetricConfig): { span: Row[]; excluded: string[] } {
  const excluded: string[] = [];
  const query = rows.at(-1)?.query;
  let first = 0;
  rows.forEach((row, i) => {
    if (row.query !== query) first = i + 1;
  });
  if (first > 0) excluded.push(`Left out: ${first} earlier deploys measured with another query for ${metric.name}, a different series.`);
  let flagged = -1;
  rows.forEach((row, i) => {
    if (i >= first && (row.verdict === "regression" || row.verdict === "improvement")) flagged = i;
  });
  if (flagged >= 0) {
    const row = rows[flagged]!;
    excluded.push(
      `Left out: deploy ${row.sha.slice(0, 7)} and the ones before it; its own change (${row.verdict}) is reported on its own, so the drift counts from the level it left.`,
    );
    first = flagged + 1;
  }
  return { span: rows.slice(first), excluded };
}

/**
 * Who a drift check speaks for: the evaluation of the newest deploy whose level it read, else `fallback`. Every check
 * reads all the stored levels in deploy order, so one run by an older deploy's late evaluation says what the newest
 * deploy's would; recorded as the newest, it never makes a drift issue's last deploy go back in time.
 */
export function newestCheck(drifts: readonly MetricDrift[], fallback: { evaluationId: number; statusAt: Date }): { evaluationId: number; statusAt: Date } {
  let newest = fallback;
  for (const { latest } of drifts) {
    if (latest && latest.statusAt.getTime() > newest.statusAt.getTime()) newest = { evaluationId: latest.evaluationId, statusAt: latest.statusAt };
  }
  return newest;
}
