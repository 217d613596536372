import { median } from "simple-statistics";
import { formatThreshold } from "./format-threshold.js";
import { mannWhitneyU } from "./mann-whitney-u.js";
import type { MetricPolicy, MetricVerdict, WindowStats } from "./verdict.js";

const TEST = "Mann-Whitney U";

/**
 * Decides one metric from its baseline and candidate samples.
 *
 * Non-finite values are dropped first; fewer than `policy.minSamples` left in either window is inconclusive
 * (never no-change: missing data proves nothing). Otherwise the verdict is regression / improvement only when
 * all of these hold, and no-change with the failed conditions as the reason:
 * - the median moved beyond the threshold (relative: |Δ| / |baseline median|; absolute: |Δ|, both strictly
 *   greater). With a relative threshold and a baseline median of 0 every move counts as beyond it, since
 *   no ratio exists and going from 0 to anything is rarely noise-sized;
 * - the two-sided Mann-Whitney U p-value is below `policy.alpha`;
 * - the rank test shifts the same way as the medians (they can disagree on odd, e.g. bimodal, data).
 * Worse means higher when `better` is "lower", and lower when it is "higher".
 */
export function compareWindows(baseline: number[], candidate: number[], policy: MetricPolicy): MetricVerdict {
  const before = baseline.filter(Number.isFinite);
  const after = candidate.filter(Number.isFinite);
  const stats = { baseline: windowStats(before), candidate: windowStats(after) };
  const change = medianChange(stats.baseline.median, stats.candidate.median);
  const explanation = {
    effectSize: null,
    autocorrelation: null,
    effectiveN: null,
    expectedN: null,
    noise: null,
    warnings: [],
  };
  const common = { ...stats, ...change, pValue: null, test: TEST, explanation };

  const dropped = baseline.length - before.length + candidate.length - after.length;
  const shortage = sampleShortage(before.length, after.length, policy.minSamples, dropped);
  if (shortage) return { ...common, verdict: "inconclusive", reason: shortage };

  const { z, pValue } = mannWhitneyU(after, before);
  const changeAbs = change.changeAbs!;
  if (changeAbs === 0) {
    return { ...common, pValue, verdict: "no-change", reason: `median unchanged at ${num(stats.baseline.median!)}` };
  }

  const baselineMedian = stats.baseline.median!;
  const beyond =
    policy.threshold.kind === "absolute"
      ? Math.abs(changeAbs) > policy.threshold.value
      : baselineMedian === 0 || Math.abs(changeAbs) / Math.abs(baselineMedian) > policy.threshold.value;
  const significant = pValue < policy.alpha;
  const sameDirection = Math.sign(z) === Math.sign(changeAbs);

  const moved = describeChange(policy, baselineMedian, stats.candidate.median!, change);
  const threshold = formatThreshold(policy.threshold, "");
  const p = `p = ${Number(pValue.toPrecision(2))}`;
  const failed = [
    ...(beyond ? [] : [`change ${moved} within threshold ${threshold}`]),
    ...(significant ? [] : [`not significant: ${p} ≥ ${policy.alpha}`]),
    ...(significant && !sameDirection ? ["medians and rank test disagree on the direction"] : []),
  ];
  if (failed.length > 0) return { ...common, pValue, verdict: "no-change", reason: failed.join("; ") };

  const worse = policy.better === "lower" ? changeAbs > 0 : changeAbs < 0;
  const why = baselineMedian === 0 && policy.threshold.kind === "relative" ? "any move from 0" : threshold;
  return {
    ...common,
    pValue,
    verdict: worse ? "regression" : "improvement",
    reason: `change ${moved} beyond threshold ${why}; ${p} < ${policy.alpha}`,
  };
}

function windowStats(values: number[]): WindowStats {
  return { n: values.length, median: values.length > 0 ? median(values) : null };
}

function medianChange(
  before: number | null,
  after: number | null,
): Pick<MetricVerdict, "changeAbs" | "changePct"> {
  if (before === null || after === null) return { changeAbs: null, changePct: null };
  const changeAbs = after - before;
  return { changeAbs, changePct: before === 0 ? null : (changeAbs / Math.abs(before)) * 100 };
}

function sampleShortage(nBefore: number, nAfter: number, minSamples: number, dropped: number): string | null {
  const ignored = dropped > 0 ? ` (${dropped} non-finite ${dropped === 1 ? "value" : "values"} ignored)` : "";
  if (nBefore === 0 && nAfter === 0) return `no data${ignored}`;
  // The rank test needs at least one value per window whatever the policy says.
  const needed = Math.max(1, minSamples);
  if (nBefore >= needed && nAfter >= needed) return null;
  const samples = nBefore === 1 ? "sample" : "samples";
  return `baseline has ${nBefore} ${samples}, candidate ${nAfter}; at least ${needed} needed${ignored}`;
}

/** The move as the threshold measures it: a percentage for relative thresholds, the unit's delta otherwise. */
function describeChange(
  policy: MetricPolicy,
  before: number,
  after: number,
  change: Pick<MetricVerdict, "changeAbs" | "changePct">,
): string {
  if (policy.threshold.kind === "absolute") return signed(num(change.changeAbs!));
  if (change.changePct === null) return `from ${num(before)} to ${num(after)}`;
  return `${signed(percent(change.changePct))} %`;
}

/** Whole percents from 10 up, one decimal from 1, two significant digits below: "+31", "+3.1", "+0.42". */
function percent(pct: number): string {
  const size = Math.abs(pct);
  if (size >= 10) return pct.toFixed(0);
  return size >= 1 ? pct.toFixed(1) : String(Number(pct.toPrecision(2)));
}

/** Four significant digits: enough to tell medians apart, short enough to read; the exact numbers are fields. */
function num(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function signed(text: string): string {
  return text.startsWith("-") ? text : `+${text}`;
}
