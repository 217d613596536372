import { formatThreshold, type Threshold } from "../../analysis/verdict.js";

/** The counts quality is made of, and what they give. */
export interface QualityCounts {
  alerts: number;
  falseAlarms: number;
  missed: number;
  /** Alerts not marked false, over alerts; null without alerts. */
  precision: number | null;
  /** Alerts not marked false, over those plus the regressions marked missed; null when both are 0. */
  recall: number | null;
}

/** One metric under one detector setting. */
export interface MetricQuality extends QualityCounts {
  subject: string;
  metric: string;
  threshold: Threshold | null;
  /** The setting as people read it, like "10 %"; "unknown" when the verdicts did not store one. */
  setting: string;
  /** Per week (Monday, UTC), oldest first; weeks with nothing are left out. */
  weeks: Array<QualityCounts & { week: string }>;
}

export interface QualitySummary {
  metrics: MetricQuality[];
  totals: QualityCounts;
}

interface Event {
  event: "alert" | "false-alarm" | "missed";
  subject: string;
  metricName: string;
  threshold: Threshold | null;
  at: Date;
}

/** Groups alerts and marks per (subject, metric, setting) and per week, with precision and recall. Pure. */
export function summariseQuality(events: readonly Event[]): QualitySummary {
  const groups = new Map<string, { head: Omit<MetricQuality, keyof QualityCounts | "weeks">; events: Event[] }>();
  for (const e of events) {
    const setting = e.threshold ? formatThreshold(e.threshold, "") : "unknown";
    const key = JSON.stringify([e.subject, e.metricName, setting]);
    const group = groups.get(key) ?? { head: { subject: e.subject, metric: e.metricName, threshold: e.threshold, setting }, events: [] };
    group.events.push(e);
    groups.set(key, group);
  }
  const metrics = [...groups.values()].map(({ head, events: own }) => {
    const byWeek = new Map<string, Event[]>();
    for (const e of own) byWeek.set(weekOf(e.at), [...(byWeek.get(weekOf(e.at)) ?? []), e]);
    const weeks = [...byWeek.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([week, list]) => ({ week, ...count(list) }));
    return { ...head, ...count(own), weeks };
  });
  metrics.sort((a, b) => a.subject.localeCompare(b.subject) || a.metric.localeCompare(b.metric) || a.setting.localeCompare(b.setting));
  return { metrics, totals: count(events) };
}

function count(events: readonly Event[]): QualityCounts {
  const alerts = events.filter((e) => e.event === "alert").length;
  const falseAlarms = events.filter((e) => e.event === "false-alarm").length;
  const missed = events.filter((e) => e.event === "missed").length;
  const right = Math.max(0, alerts - falseAlarms);
  return {
    alerts,
    falseAlarms,
    missed,
    precision: alerts === 0 ? null : right / alerts,
    recall: right + missed === 0 ? null : right / (right + missed),
  };
}

/** The Monday (UTC) of the week `at` falls in, as YYYY-MM-DD. */
function weekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}
