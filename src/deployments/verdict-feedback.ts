import type pg from "pg";
import { adjustmentNote, suggestTuning } from "../analysis/tune-from-feedback.js";
import type { Threshold } from "../analysis/verdict.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { findMute, listActiveMutes, listAdjustments, listFalseAlarms, type ActiveMute, type FalseAlarmEvidence, type MetricAdjustment } from "../db/verdict-feedback.js";
import type { EvaluationReport, MetricReport } from "./report-context.js";

/** What people said that bears on one repository's verdicts now: mutes, adjustments in force, false alarms. */
export interface VerdictFeedback {
  mutes: ActiveMute[];
  /** Only with `feedback.auto_tune` on, and only those that still raise the metric's configured threshold. */
  adjustments: Map<string, MetricAdjustment>;
  falseAlarms: FalseAlarmEvidence[];
}

/** Reads the feedback for a repository's evaluation at `now` (the feedback feature writes it). */
export async function loadVerdictFeedback(pool: pg.Pool, repoId: number, now: Date, config: KaizenConfig): Promise<VerdictFeedback> {
  const [mutes, stored, falseAlarms] = await Promise.all([listActiveMutes(pool, repoId, now), listAdjustments(pool, repoId), listFalseAlarms(pool, repoId)]);
  const adjustments = new Map<string, MetricAdjustment>();
  if (config.feedback.auto_tune) {
    for (const metric of config.metrics) {
      const adjustment = stored.get(metric.name);
      // A threshold changed in kaizen.yml since (another kind, or raised past the floor) wins over the adjustment.
      if (adjustment && adjustment.threshold.kind === metric.threshold.kind && adjustment.threshold.value > metric.threshold.value) {
        adjustments.set(metric.name, { ...adjustment, thresholdBefore: metric.threshold });
      }
    }
  }
  return { mutes, adjustments, falseAlarms };
}

/** The thresholds the detector uses instead of the configured ones. */
export function tunedThresholds(feedback: VerdictFeedback): Map<string, Threshold> {
  return new Map([...feedback.adjustments].map(([name, adjustment]) => [name, adjustment.threshold]));
}

/**
 * The report with what feedback changes shown: every mute in force, and per metric its mute, the adjustment it
 * was judged with, and on a regression of a metric with `feedback.suggest_after` false alarms, a suggestion.
 */
export function withVerdictFeedback(report: EvaluationReport, feedback: VerdictFeedback, config: KaizenConfig): EvaluationReport {
  const mutes = feedback.mutes.map(({ subject, until, actor, reason }) => ({ subject, until, actor, reason }));
  return { ...report, mutes, metrics: report.metrics.map((metric) => ({ ...metric, feedback: metricFeedback(metric, feedback, config) })) };
}

/** The report's metrics whose regression is an alert: muted ones are measured and shown, but alert nobody. */
export function alertingReport(report: EvaluationReport): EvaluationReport {
  return { ...report, metrics: report.metrics.filter((m) => !(m.feedback?.mute && m.result.verdict === "regression")) };
}

function metricFeedback(metric: MetricReport, feedback: VerdictFeedback, config: KaizenConfig): MetricReport["feedback"] {
  const mute = findMute(feedback.mutes, metric.name);
  const adjustment = feedback.adjustments.get(metric.name);
  const configured = config.metrics.find((m) => m.name === metric.name);
  const alarms = feedback.falseAlarms.filter((a) => a.metricName === metric.name);
  const alerting = metric.result.verdict === "regression" && !mute;
  const suggestion =
    alerting && configured && alarms.length >= config.feedback.suggest_after
      ? suggestTuning(alarms, {
          threshold: metric.threshold,
          unit: metric.unit,
          kind: configured.kind,
          noiseWindows: config.deployments.noise_windows,
          baseline: config.deployments.baseline,
        })
      : null;
  return {
    mute: mute ? { until: mute.until, actor: mute.actor, reason: mute.reason } : null,
    adjustment: adjustment ? adjustmentNote(adjustment, metric.unit) : null,
    suggestion,
  };
}
