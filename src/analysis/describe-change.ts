import type { MetricPolicy, MetricVerdict } from "./verdict.js";

/** The move as the threshold measures it: a percentage for relative thresholds, the unit's delta otherwise. */
export function describeChange(
  policy: Pick<MetricPolicy, "threshold">,
  before: number,
  after: number,
  change: Pick<MetricVerdict, "changeAbs" | "changePct">,
): string {
  if (policy.threshold.kind === "absolute") return signed(num(change.changeAbs!));
  if (change.changePct === null) return `from ${num(before)} to ${num(after)}`;
  return `${signed(percent(change.changePct))} %`;
}

/** Whole percents from 10 up, one decimal from 1, two significant digits below: "+31", "+3.1", "+0.42". */
export function percent(pct: number): string {
  const size = Math.abs(pct);
  if (size >= 10) return pct.toFixed(0);
  return size >= 1 ? pct.toFixed(1) : String(Number(pct.toPrecision(2)));
}

/** Four significant digits: enough to tell medians apart, short enough to read; the exact numbers are fields. */
export function num(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function signed(text: string): string {
  return text.startsWith("-") ? text : `+${text}`;
}
