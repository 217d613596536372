import { median, quantile } from "simple-statistics";
import { describeChange, num, percent } from "./describe-change.js";
import type { NoiseEstimate } from "./estimate-noise.js";
import { mannWhitneyU } from "./mann-whitney-u.js";
import { yuenTest } from "./yuen-test.js";
import { formatThreshold, type MetricPolicy, type MetricVerdict, type VerdictExplanation, type WindowStats } from "./verdict.js";

const TEST = "Yuen's trimmed-mean t-test";
const CORRECTED = `${TEST}, corrected for autocorrelation`;
const SEPARATION = "full separation of the windows (every sample on one side of every other), exact rank test";
/** Few enough distinct values to call a window pair quantised: a gauge on a coarse grid, not a continuous one. */
const MAX_LEVELS = 12;

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
  const common = { ...stats, ...change, pValue: null, test: inflation > 1 ? CORRECTED : TEST, explanation };

  const dropped = baseline.length - before.length + candidate.length - after.length;
  const shortage = sampleShortage(before.length, after.length, policy.minSamples, dropped);
  if (shortage) return { ...common, verdict: "inconclusive", reason: shortage };

  const yuen = yuenTest(after, before, inflation);
  const { difference } = yuen;
  // Strong autocorrelation (or a trend read as one) can dilute Yuen's p-value to nothing, but windows that do not
  // overlap at all are evidence the correction cannot argue away: the exact rank test's p for full separation.
  const separated = fullySeparated(before, after);
  const separationP = separated === 0 ? 1 : 2 / binomial(before.length + after.length, before.length);
  const decidedBySeparation = yuen.pValue >= policy.alpha && separationP < yuen.pValue;
  const pValue = decidedBySeparation ? separationP : yuen.pValue;
  const test = decidedBySeparation ? SEPARATION : common.test;
  // Cliff's delta from the rank statistic: a scale-free size of the shift readers can compare across metrics.
  explanation.effectSize = (2 * mannWhitneyU(after, before).u) / (after.length * before.length) - 1;
  const changeAbs = change.changeAbs!;
  if (changeAbs === 0) {
    return { ...common, test, pValue, verdict: "no-change", reason: `median unchanged at ${num(stats.baseline.median!)}` };
  }

  const baselineMedian = stats.baseline.median!;
  const scale = relativeScale(before, baselineMedian);
  explanation.relativeTo = policy.threshold.kind === "relative" ? scale : null;
  const beyond =
    policy.threshold.kind === "absolute"
      ? Math.abs(changeAbs) > policy.threshold.value
      : scale.value === 0 || Math.abs(changeAbs) / scale.value > policy.threshold.value;
  const quantum = quantisationStep(before, after);
  explanation.quantum = quantum;
  const beyondQuantum = quantum === null || Math.abs(changeAbs) >= quantum;
  const noise = evidence.noise;
  const beyondNoise = !noise || Math.abs(changeAbs) > NOISE_FACTOR * noise.absolute;
  const significant = pValue < policy.alpha;
  const sameDirection = Math.sign(difference) === Math.sign(changeAbs);

  const moved =
    scale.of === "spread" && policy.threshold.kind === "relative"
      ? `${signedPercent((changeAbs / scale.value) * 100)} % of the baseline's interquartile range (${num(scale.value)}; median ${num(baselineMedian)} is too close to 0 for a percentage)`
      : describeChange(policy, baselineMedian, stats.candidate.median!, change);
  const threshold = formatThreshold(policy.threshold, "");
  const p = `p = ${Number(pValue.toPrecision(2))}`;
  const failed = [
    ...(beyond ? [] : [`change ${moved} within threshold ${threshold}`]),
    ...(beyondNoise || !noise ? [] : [`change ${moved} within this metric's noise (${noiseText(noise, policy)})`]),
    ...(significant ? [] : [`not significant: ${p} ≥ ${policy.alpha}`]),
    ...(beyondQuantum ? [] : [`change ${num(changeAbs)} smaller than one step (${num(quantum!)}) of the values' grid`]),
    ...(significant && !sameDirection ? ["medians and trimmed means disagree on the direction"] : []),
  ];
  if (failed.length > 0) return { ...common, test, pValue, verdict: "no-change", reason: failed.join("; ") };

  const worse = policy.better === "lower" ? changeAbs > 0 : changeAbs < 0;
  const why = scale.value === 0 && policy.threshold.kind === "relative" ? "any move from 0" : threshold;
  return {
    ...common,
    test,
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

/**
 * What a relative threshold is a share of: the baseline median, unless it is closer to 0 than half the baseline's
 * interquartile range. Then the median is mostly noise around 0 (a sign flip reads as −289 %, a median of exactly
 * 0 makes any move infinite), and the spread of the metric is the scale a move is measured against.
 */
function relativeScale(before: number[], baselineMedian: number): NonNullable<VerdictExplanation["relativeTo"]> {
  const iqr = quantile(before, 0.75) - quantile(before, 0.25);
  if (Math.abs(baselineMedian) >= iqr / 2) return { of: "median", value: Math.abs(baselineMedian) };
  return { of: "spread", value: iqr };
}

/**
 * The grid step of a quantised gauge (one reporting only a few distinct values, like a CPU share of 5.83 / 6.04 /
 * 6.23): the smallest gap between its distinct values; null for a continuous metric. Medians on a grid move in
 * whole or half steps, so a move below one step is the median hopping between neighbours, not the level moving.
 */
function quantisationStep(before: number[], after: number[]): number | null {
  const levels = [...new Set([...before, ...after])].sort((a, b) => a - b);
  if (levels.length < 2 || levels.length > MAX_LEVELS || levels.length * 4 > before.length + after.length) return null;
  let step = Infinity;
  for (let k = 1; k < levels.length; k++) step = Math.min(step, levels[k]! - levels[k - 1]!);
  return step;
}

/** 1: every candidate value above every baseline value; −1: below; 0: the windows overlap. */
function fullySeparated(before: number[], after: number[]): number {
  const [lowBefore, highBefore] = [Math.min(...before), Math.max(...before)];
  const [lowAfter, highAfter] = [Math.min(...after), Math.max(...after)];
  if (lowAfter > highBefore) return 1;
  if (highAfter < lowBefore) return -1;
  return 0;
}

/** n choose k, as a float (it overflows to Infinity, which makes the p-value 0, long after p stops mattering). */
function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

function signedPercent(pct: number): string {
  const text = percent(pct);
  return text.startsWith("-") ? text : `+${text}`;
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
