import { formatCsv } from "../markdown/format-csv.js";
import type { DoraReport, DoraFigures } from "./model/compute-dora.js";

/** The API's and CLI's columns, in order: one row per week, then the period. */
export const DORA_COLUMNS = [
  "week",
  "deploys",
  "deployment_days",
  "changes",
  "lead_time_median_h",
  "lead_time_p90_h",
  "failed_deploys",
  "change_fail_rate",
  "recovered",
  "unrecovered",
  "recovery_median_h",
  "rework_deploys",
  "rework_rate",
] as const;

/** A figure as the table shows it: hours and rates to two decimals, nothing as "—". */
function cell(value: number | null, rate = false): string {
  if (value === null) return "—";
  return rate ? `${(value * 100).toFixed(1)}%` : String(Math.round(value * 100) / 100);
}

export function doraRow(label: string, f: DoraFigures): string[] {
  return [
    label,
    String(f.deploys),
    String(f.deploymentDays),
    String(f.changes),
    cell(f.leadTimeMedianHours),
    cell(f.leadTimeP90Hours),
    String(f.failedDeploys),
    cell(f.changeFailRate, true),
    String(f.recovered),
    String(f.unrecovered),
    cell(f.recoveryMedianHours),
    String(f.reworkDeploys),
    cell(f.reworkRate, true),
  ];
}

/** Every row of the table: the weeks, then `total`. */
export function doraRows(report: DoraReport): string[][] {
  return [...report.weeks.map((week) => doraRow(week.week, week)), doraRow("total", report.summary)];
}

/** CSV of the table, through the shared writer (quoting, and a cell that would run as a formula shown as text). */
export function doraCsv(report: DoraReport): string {
  return formatCsv(DORA_COLUMNS, doraRows(report), "\n");
}

/** The table as fixed-width text for a terminal, with the rules and the bands under it. */
export function doraText(report: DoraReport & { environments: string[] }): string {
  const rows = [[...DORA_COLUMNS], ...doraRows(report)];
  const widths = DORA_COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join("  "));
  const s = report.summary;
  const bands = Object.entries(report.bands).map(([key, band]) => `  ${key}: ${band ? `${band.range} (${band.cluster} cluster, ${band.report})` : "—"}`);
  return [
    `environments: ${report.environments.join(", ") || "—"}; ${report.from.toISOString()} to ${report.to.toISOString()}`,
    ...lines,
    "",
    `deploys per week ${cell(s.deploysPerWeek)}, deployment days per week ${cell(s.deploymentDaysPerWeek)}`,
    "bands:",
    ...bands,
    `  ${report.bandsNote}`,
    "rules:",
    ...Object.entries(report.rules).map(([key, rule]) => `  ${key}: ${rule}`),
    "failed deploys:",
    ...report.failedDeploys.map((f) => `  deployment ${f.deploymentId} (${f.sha.slice(0, 7)}): ${f.causes.map((c) => `${c.rule} — ${c.evidence}`).join("; ")}`),
    "",
  ].join("\n");
}
