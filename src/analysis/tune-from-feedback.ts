import { formatThreshold, type Threshold, type VerdictExplanation } from "./verdict.js";

/** One verdict people marked a false alarm, with what the detector measured then (what the tuning reads). */
export interface FalseAlarm {
  /** When the judged deployment was made; null when unknown. */
  deployedAt: Date | null;
  changePct: number | null;
  changeAbs: number | null;
  explanation: VerdictExplanation | null;
}

/** The metric's settings now, which a suggestion changes. */
export interface TuningSettings {
  threshold: Threshold;
  unit: string;
  kind: "gauge" | "counter";
  noiseWindows: number;
  baseline: "previous-window" | "same-window-yesterday" | "same-window-last-week";
}

/** A change to one setting the marked false alarms support, and why. */
export interface TuningSuggestion {
  /** What to write in kaizen.yml, like "`threshold: 25%`". */
  change: string;
  /** The evidence, in a sentence. */
  because: string;
}

// A false alarm's move is cleared by this margin, so the same move does not fire again.
const MARGIN = 1.1;
// Deployments within this many hours of the same time of day count as one rhythm.
const SAME_HOUR = 2;
// Fewer quiet pairs than this make a noise estimate too thin to trust.
const FEW_NOISE_WINDOWS = 3;

/**
 * Which setting the marked false alarms point at, strongest evidence first:
 * 1. a gauge whose values only rose (the detector warned "like a counter") → `kind: counter`;
 * 2. verdicts made with no or a thin noise estimate → more `deployments.noise_windows`;
 * 3. false alarms at the same time of day with the previous window as baseline → the seasonal baseline;
 * 4. otherwise → a threshold just above the largest marked move.
 * Null without false alarms, or when nothing was measured to base a threshold on.
 */
export function suggestTuning(alarms: readonly FalseAlarm[], settings: TuningSettings): TuningSuggestion | null {
  if (alarms.length === 0) return null;
  const count = `${alarms.length} false ${alarms.length === 1 ? "alarm" : "alarms"}`;
  const counterLike = alarms.filter((a) => a.explanation?.warnings.some((w) => w.includes("like a counter")));
  if (settings.kind === "gauge" && counterLike.length > 0) {
    return { change: "`kind: counter`", because: `${counterLike.length} of ${count} came from values that only ever rise, like a counter` };
  }
  const thin = alarms.filter((a) => a.explanation && (a.explanation.noise === null || a.explanation.noise.windows < FEW_NOISE_WINDOWS));
  if (thin.length > 0) {
    const windows = Math.max(6, settings.noiseWindows * 2);
    return { change: `\`deployments.noise_windows: ${windows}\``, because: `${thin.length} of ${count} were judged without a reliable noise estimate` };
  }
  const hours = alarms.flatMap((a) => (a.deployedAt ? [a.deployedAt.getUTCHours() + a.deployedAt.getUTCMinutes() / 60] : []));
  if (settings.baseline === "previous-window" && hours.length >= 2 && hourSpread(hours) <= SAME_HOUR) {
    return {
      change: "`deployments.baseline: same-window-yesterday`",
      because: `${count} came at the same time of day, where a daily rhythm looks like a change`,
    };
  }
  const raised = clearingThreshold(alarms, settings.threshold);
  if (!raised) return null;
  return {
    change: `\`threshold: ${thresholdYaml(raised)}\``,
    because: `${count} moved at most ${formatThreshold(largestMove(alarms, settings.threshold), settings.unit)}`,
  };
}

/**
 * The raised threshold an auto-tuned metric gets: just above the largest marked move, at least the configured one,
 * at most `maxRaise` times it. Null when no marked move was measured, or when the configured threshold clears them.
 */
export function noiseFloor(alarms: readonly FalseAlarm[], threshold: Threshold, maxRaise: number): Threshold | null {
  const raised = clearingThreshold(alarms, threshold);
  if (!raised) return null;
  // toPrecision(12) hides binary noise such as 0.1 × 3 = 0.30000000000000004.
  return { kind: threshold.kind, value: Number(Math.min(raised.value, threshold.value * maxRaise).toPrecision(12)) };
}

/** How a verdict says it was made with an adjustment: "noise floor raised after 3 false alarms, on 2026-12-06". */
export function adjustmentNote(adjustment: { falseAlarms: number; appliedAt: Date; thresholdBefore: Threshold; threshold: Threshold }, unit: string): string {
  const day = adjustment.appliedAt.toISOString().slice(0, 10);
  const alarms = `${adjustment.falseAlarms} false ${adjustment.falseAlarms === 1 ? "alarm" : "alarms"}`;
  const change = `${formatThreshold(adjustment.thresholdBefore, unit)} → ${formatThreshold(adjustment.threshold, unit)}`;
  return `noise floor raised after ${alarms}, on ${day} (threshold ${change})`;
}

function largestMove(alarms: readonly FalseAlarm[], threshold: Threshold): Threshold {
  const moves = alarms.map((a) => (threshold.kind === "relative" ? (a.changePct === null ? null : Math.abs(a.changePct) / 100) : a.changeAbs === null ? null : Math.abs(a.changeAbs)));
  return { kind: threshold.kind, value: Math.max(0, ...moves.filter((m): m is number => m !== null)) };
}

function clearingThreshold(alarms: readonly FalseAlarm[], threshold: Threshold): Threshold | null {
  const largest = largestMove(alarms, threshold).value;
  if (largest === 0 || largest * MARGIN <= threshold.value) return null;
  return { kind: threshold.kind, value: roundUp(largest * MARGIN, threshold.kind) };
}

/** Up to a whole percent (relative) or two significant digits (absolute), so a suggestion reads cleanly. */
function roundUp(value: number, kind: Threshold["kind"]): number {
  if (kind === "relative") return Math.ceil(value * 100) / 100;
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return Number((Math.ceil(value / scale) * scale).toPrecision(12));
}

function thresholdYaml(t: Threshold): string {
  return t.kind === "relative" ? `${Number((t.value * 100).toPrecision(12))}%` : String(t.value);
}

/** The smallest arc of the 24-hour clock that holds every hour, in hours. */
function hourSpread(hours: readonly number[]): number {
  const sorted = [...hours].sort((a, b) => a - b);
  const gaps = sorted.map((h, i) => (i === 0 ? sorted[0]! + 24 - sorted[sorted.length - 1]! : h - sorted[i - 1]!));
  return 24 - Math.max(...gaps);
}
