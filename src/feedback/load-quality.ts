import type { Queryable } from "../db/queryable.js";
import { listActiveMutes, listAdjustments, type ActiveMute, type MetricAdjustment } from "../db/verdict-feedback.js";
import { summariseQuality, type QualitySummary } from "./model/summarise-quality.js";
import { listQualityEvents } from "./store/quality-events.js";

/** A repository's verdict quality: per metric and setting, with the mutes and adjustments in force now. */
export interface QualityReport extends QualitySummary {
  since: Date;
  until: Date;
  mutes: ActiveMute[];
  adjustments: MetricAdjustment[];
}

/** The quality of a repository's verdicts since `since`, as the API and `kaizen quality` show it. */
export async function loadQuality(db: Queryable, repoId: number, { since, now }: { since: Date; now: Date }): Promise<QualityReport> {
  const summary = summariseQuality(await listQualityEvents(db, repoId, since));
  const mutes = await listActiveMutes(db, repoId, now);
  const adjustments = [...(await listAdjustments(db, repoId)).values()];
  return { since, until: now, ...summary, mutes, adjustments };
}

/** The report as a plain-text table, for the command line. */
export function qualityText(report: QualityReport): string {
  const share = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);
  const rows = report.metrics.map((m) => [m.subject, m.metric, m.setting, String(m.alerts), String(m.falseAlarms), String(m.missed), share(m.precision), share(m.recall)]);
  const t = report.totals;
  rows.push(["all", "", "", String(t.alerts), String(t.falseAlarms), String(t.missed), share(t.precision), share(t.recall)]);
  const header = ["kind", "metric", "threshold", "alerts", "false", "missed", "precision", "recall"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const out = [`Verdict quality since ${report.since.toISOString().slice(0, 10)}`, "", line(header), ...rows.map(line)];
  for (const m of report.mutes) out.push("", `muted: ${m.subject} until ${m.until.toISOString()} by ${m.actor}: ${m.reason}`);
  for (const a of report.adjustments) out.push("", `auto-tuned: ${a.metricName} after ${a.falseAlarms} false alarms, on ${a.appliedAt.toISOString().slice(0, 10)}`);
  return `${out.join("\n")}\n`;
}
