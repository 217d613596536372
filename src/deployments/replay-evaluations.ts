import type pg from "pg";
import type { Verdict } from "../analysis/verdict.js";
import { formatThreshold } from "../analysis/verdict.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { listEvaluationMarks } from "../db/verdict-feedback.js";
import type { SourceRegistry } from "./sources/create-source-registry.js";
import { measureMetrics } from "./measure-metrics.js";
import { getEvaluation, listReportedEvaluationIds } from "./store/evaluations.js";
import { listMetricResults } from "./store/metric-results.js";
import { loadVerdictFeedback, tunedThresholds } from "./verdict-feedback.js";

/** What a changed verdict means against what people marked. */
export type ReplayOutcome =
  | "false alarm fixed" // marked a false alarm, no longer a regression
  | "false alarm kept" // marked a false alarm, still a regression
  | "missed caught" // marked missed, now a regression
  | "missed still" // marked missed, still not a regression
  | "alert lost" // an unmarked regression that no longer fires
  | "new alert" // not a regression before, one now, and nobody marked it missed
  | "changed" // another verdict change (improvement, no change, inconclusive)
  | "same";

export interface ReplayedVerdict {
  evaluationId: number;
  environment: string;
  sha: string;
  deployedAt: Date;
  metricName: string;
  stored: Verdict;
  replayed: Verdict;
  mark: "false-alarm" | "missed" | null;
  outcome: ReplayOutcome;
  /** The thresholds the stored and replayed verdicts were made with, as people read them. */
  storedSetting: string;
  replayedSetting: string;
  reason: string;
}

export interface ReplayReport {
  since: Date;
  verdicts: ReplayedVerdict[];
  counts: Record<ReplayOutcome, number>;
}

/**
 * Re-runs a repository's reported evaluations since `since` with the detector and settings of today: the current
 * `config` (its metrics, thresholds, noise windows, step and baseline), the auto-tuned thresholds in force, and
 * the stored windows of each evaluation. Raw samples are not stored, so each metric is queried again from its
 * source over those windows (the source must still hold them: Prometheus keeps 15 days by default). Metrics no
 * longer configured are left out. Each verdict is set against the marks on it.
 */
export async function replayEvaluations(
  deps: { pool: pg.Pool; sources: SourceRegistry; now: () => Date },
  target: { repoId: number; owner: string; repo: string },
  config: KaizenConfig,
  options: { since: Date; environment?: string },
): Promise<ReplayReport> {
  const { pool, sources } = deps;
  const feedback = await loadVerdictFeedback(pool, target.repoId, deps.now(), config);
  const thresholds = tunedThresholds(feedback);
  const marks = await listEvaluationMarks(pool, target.repoId);
  const verdicts: ReplayedVerdict[] = [];
  for (const id of await listReportedEvaluationIds(pool, target.repoId, options.since, options.environment)) {
    const evaluation = await getEvaluation(pool, id);
    if (!evaluation?.windows) continue;
    const stored = new Map((await listMetricResults(pool, id)).map((row) => [row.metricName, row]));
    const metrics = config.metrics.filter((m) => stored.has(m.name));
    if (metrics.length === 0) continue;
    const vars = { environment: evaluation.environment, sha: evaluation.sha, ref: evaluation.ref, repo: `${target.owner}/${target.repo}` };
    const measured = await measureMetrics({ ...config, metrics }, sources, evaluation.windows, vars, config.deployments.step / 1000, {
      deployedAt: evaluation.statusCreatedAt,
      thresholds,
    });
    for (const m of measured) {
      const before = stored.get(m.metric.name)!;
      const mark = marks.get(`${id}/${m.metric.name}`) ?? null;
      verdicts.push({
        evaluationId: id,
        environment: evaluation.environment,
        sha: evaluation.sha,
        deployedAt: evaluation.statusCreatedAt,
        metricName: m.metric.name,
        stored: before.verdict,
        replayed: m.result.verdict,
        mark,
        outcome: replayOutcome(before.verdict, m.result.verdict, mark),
        storedSetting: formatThreshold(before.threshold, before.unit),
        replayedSetting: formatThreshold(m.metric.threshold, m.metric.unit),
        reason: m.result.reason,
      });
    }
  }
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, verdicts.filter((v) => v.outcome === o).length])) as Record<ReplayOutcome, number>;
  return { since: options.since, verdicts, counts };
}

const OUTCOMES: ReplayOutcome[] = ["false alarm fixed", "false alarm kept", "missed caught", "missed still", "alert lost", "new alert", "changed", "same"];

/** What a stored verdict turning into a replayed one means, given the mark on it. Pure. */
export function replayOutcome(stored: Verdict, replayed: Verdict, mark: "false-alarm" | "missed" | null): ReplayOutcome {
  const was = stored === "regression";
  const is = replayed === "regression";
  if (mark === "false-alarm") return is ? "false alarm kept" : "false alarm fixed";
  if (mark === "missed") return is ? "missed caught" : "missed still";
  if (was && !is) return "alert lost";
  if (!was && is) return "new alert";
  return stored === replayed ? "same" : "changed";
}

/** The replay as text: the verdicts that change or carry a mark, then the counts. */
export function replayText(report: ReplayReport): string {
  const shown = report.verdicts.filter((v) => v.outcome !== "same");
  const lines = [`Replayed ${report.verdicts.length} verdicts since ${report.since.toISOString().slice(0, 10)} with today's detector and settings.`, ""];
  for (const v of shown) {
    const when = v.deployedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
    const mark = v.mark ? ` [marked ${v.mark}]` : "";
    lines.push(`${when}  ${v.environment}  ${v.sha.slice(0, 7)}  ${v.metricName}: ${v.stored} (${v.storedSetting}) → ${v.replayed} (${v.replayedSetting})${mark}  ${v.outcome}`);
  }
  if (shown.length === 0) lines.push("No verdict would change, and none carries a mark.");
  lines.push("", ...OUTCOMES.filter((o) => report.counts[o] > 0).map((o) => `${o}: ${report.counts[o]}`));
  return `${lines.join("\n")}\n`;
}
