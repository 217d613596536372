import { median } from "simple-statistics";
import { describeChange, num, percent } from "../../../../src/analysis/describe-change.js";
import type { NoiseEstimate } from "./estimate-noise.js";
import { mannWhitneyU } from "../../../../src/analysis/mann-whitney-u.js";
import { yuenTest } from "./yuen-test.js";
import { formatThreshold, type MetricPolicy, type MetricVerdict, type VerdictExplanation, type WindowStats } from "../../../../src/analysis/verdict.js";

const TEST = "Yuen's trimmed-mean t-test";
const CORRECTED = `${TEST}, corrected for autocorrelation`;

/** What the detector learnt beyond the two windows; absent means independent samples and no history. */
export interface WindowEvidence {
  /** Lag-1 autocorrelation and the variance inflation it implies (see serialDependence). */
  dependence?: { rho: number; inflation: number };
  /** The metric's own window-to-window noise (see estimateNoise). */
  noise?: NoiseEstimate | null;
}

/**
 * A move must exceed this many noise standard deviations: two keep a metric that wanders between quiet windows
 * from being flagged for wandering, while a step of a few σ still clears it.
 */
export const NOISE_FACTOR = 2;

/**
 * Decides one metric from its baseline and candidate samples.
 *
 * Non-finite values are dropped first; fewer than `policy.minSamples` left in either window is inconclusive
 * (never no-change: missing data proves nothing). Otherwise the verdict is regression / improvement only when
 * all of these hold, and no-change with the failed conditions as the reason:
 * - the median moved beyond the threshold (relative: |Δ| / |baseline median|; absolute: |Δ|, both strictly
 *   greater). With a relative threshold and a baseline median of 0 every move counts as beyond it, since
 *   no ratio exists and going from 0 to anything is rarely noise-sized;
 * - the median moved beyond NOISE_FACTOR × the metric's noise, when history gave a noise estimate;
 * - the two-sided p-value of Yuen's trimmed-mean t-test, corrected for serial dependence, is below
 *   `policy.alpha` (trimming keeps spikes out; the correction keeps autocorrelated samples from counting twice);
 * - the trimmed means move the same way as the medians (they can disagree on odd, e.g. bimodal, data).
 * Worse means higher when `better` is "lower", and lower when it is "higher".
 */
export function compareWindows(
  baseline: number[],
  candidate: number[],
  policy: MetricPolicy,
  evidence: WindowEvidence = {},
): MetricVerdict {
  const before = baseline.filter(Number.isFinite);
  const after = candidate.filter(Number.isFinite);
  const stats = { baseline: windowStats(before), candidate: windowStats(after) };
  const change = medianChange(stats.baseline.median, stats.candidate.median);
  const inflation = evidence.dependence?.inflation ?? 1;
  const explanation: VerdictExplanation = {
    effectSize: null,
    autocorrelation: evidence.dependence?.rho ?? null,
    effectiveN: evidence.dependence ? { baseline: before.length / inflation, candidate: after.length / inflation } : null,
    expectedN: null,
    noise: evidence.noise ?? null,
    warnings: [],
  };
  const test = inflation > 1 ? CORRECTED : TEST;
  const common = { ...stats, ...change, pValue: null, test, explanation };

  const dropped = baseline.length - before.length + candidate.length - after.length;
  const shortage = sampleShortage(before.length, after.length, policy.minSamples, dropped);
  if (shortage) return { ...common, verdict: "inconclusive", reason: shortage };

  const { difference, pValue } = yuenTest(after, before, inflation);
  // Cliff's delta from the rank statistic: a scale-free size of the shift readers can compare across metrics.
  explanation.effectSize = (2 * mannWhitneyU(after, before).u) / (after.length * before.length) - 1;
  const changeAbs = change.changeAbs!;
  if (changeAbs === 0) {
    return { ...common, pValue, verdict: "no-change", reason: `median unchanged at ${num(stats.baseline.median!)}` };
  }

  const baselineMedian = stats.baseline.median!;
  const beyond =
    policy.threshold.kind === "absolute"
      ? Math.abs(changeAbs) > policy.threshold.value
      : baselineMedian === 0 || Math.abs(changeAbs) / Math.abs(baselineMedian) > policy.threshold.value;
  const noise = evidence.noise;
  const beyondNoise = !noise || Math.abs(changeAbs) > NOISE_FACTOR * noise.absolute;
  const significant = pValue < policy.alpha;
  const sameDirection = Math.sign(difference) === Math.sign(changeAbs);

  const moved = describeChange(policy, baselineMedian, stats.candidate.median!, change);
  const threshold = formatThreshold(policy.threshold, "");
  const p = `p = ${Number(pValue.toPrecision(2))}`;
  const failed = [
    ...(beyond ? [] : [`change ${moved} within threshold ${threshold}`]),
    ...(beyondNoise || !noise ? [] : [`change ${moved} within this metric's noise (${noiseText(noise, policy)})`]),
    ...(significant ? [] : [`not significant: ${p} ≥ ${policy.alpha}`]),
    ...(significant && !sameDirection ? ["medians and trimmed means disagree on the direction"] : []),
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

/** "±6 % between quiet windows", in the threshold's terms so the two can be compared at a glance. */
export function noiseText(noise: NoiseEstimate, policy: Pick<MetricPolicy, "threshold">): string {
  const size =
    policy.threshold.kind === "relative" && noise.relative !== null
      ? `${percent(noise.relative * 100)} %`
      : num(noise.absolute);
  return `±${size} between quiet windows`;
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
  // The t-test needs a variance, so two values per window whatever the policy says.
  const needed = Math.max(2, minSamples);
  if (nBefore >= needed && nAfter >= needed) return null;
  const samples = nBefore === 1 ? "sample" : "samples";
  return `baseline has ${nBefore} ${samples}, candidate ${nAfter}; at least ${needed} needed${ignored}`;
}
