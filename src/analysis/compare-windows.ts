import { median, quantile } from "simple-statistics";
import { describeChange, num, percent } from "./describe-change.js";
import type { NoiseEstimate } from "./estimate-noise.js";
import { mannWhitneyU } from "./mann-whitney-u.js";
import { quantisationStep } from "./quantisation-step.js";
import { yuenTest } from "./yuen-test.js";
import { formatThreshold, type MetricPolicy, type MetricVerdict, type VerdictExplanation, type WindowStats } from "./verdict.js";

const TEST = "Yuen's trimmed-mean t-test";
const CORRECTED = `${TEST}, corrected for autocorrelation`;
const SEPARATION = "full separation of the windows (every sample on one side of every other), exact rank test";
/**
 * On a grid, a median move of exactly one step counts only when the windows separate at least this clearly: the
 * share of (candidate, baseline) pairs ordered the way of the move minus the share ordered against it (Cliff's δ).
 * Measured on an AR(0.8) gauge halfway between two grid values (`npm run bench:detection`, "quantised, between
 * levels"): with nothing changed the median hops a whole step in nearly half the windows, with |δ| above 0.47 in
 * one hop of ten; a level that really moved one step gives |δ| above 0.58 in nine cases of ten.
 */
const CLEAR_SEPARATION = 0.6;
const GRID_TOLERANCE = 1e-9;

/** What the detector learnt beyond the two windows; absent means independent samples and no history. */
export interface WindowEvidence {
  /** Lag-1 autocorrelation and the variance inflation it implies (see serialDependence). */
  dependence?: { rho: number; inflation: number };
  /** The metric's own window-to-window noise (see estimateNoise). */
  noise?: NoiseEstimate | null;
  /** The compared pair's own trend forecast error (see trendForecastError); used when `noise.trend` is set. */
  forecastError?: number | null;
}

/**
 * A move must exceed this many noise standard deviations: two keep a metric that wanders between quiet windows
 * from being flagged for wandering, while a step of a few σ still clears it.
 */
export const NOISE_FACTOR = 2;
/**
 * With a trend model the compared pair's forecast error must exceed this many of the quiet pairs' forecast-error
 * standard deviations. Four, not two: the error of a straight line carried over a curve follows the curve's phase, so
 * six pairs estimate its spread loosely (tuned with `npm run bench:detection`, "smooth trend").
 */
const TREND_NOISE_FACTOR = 3;

/**
 * Decides one metric from its baseline and candidate samples.
 *
 * Non-finite values are dropped first; fewer than `policy.minSamples` left in either window is inconclusive
 * (never no-change: missing data proves nothing). Otherwise the verdict is regression / improvement only when
 * all of these hold, and no-change with the failed conditions as the reason:
 * - the median moved beyond the threshold (relative: |Δ| / the series' scale, see relativeScale; absolute: |Δ|,
 *   both strictly greater). When the medians are equal (sparse or quantised data, e.g. an error rate that is
 *   mostly 0), the move is the trimmed means' instead, so the test still decides whether the windows differ;
 * - on a grid (quantised values), a median move is at least one grid step, and exactly one only when the windows
 *   separate clearly (|Cliff's δ| ≥ CLEAR_SEPARATION): medians on a grid hop between neighbours;
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
  const baselineMedian = stats.baseline.median!;
  // Equal medians (sparse or quantised data) hide a move the trimmed means still show.
  const tied = change.changeAbs === 0;
  const move = tied ? difference : change.changeAbs!;
  if (move === 0) {
    return { ...common, test, pValue, verdict: "no-change", reason: `median unchanged at ${num(baselineMedian)}` };
  }

  const scale = relativeScale(before, after, baselineMedian);
  explanation.relativeTo = policy.threshold.kind === "relative" ? scale : null;
  const quantum = quantisationStep(before, after);
  explanation.quantum = quantum;
  // Trimmed means do not hop between grid values as medians do: the grid only limits a median's move.
  const beyondQuantum = quantum === null || tied || isBeyondGridStep(move, quantum, explanation.effectSize);
  const noise = evidence.noise;
  // A smooth drift moves the median between quiet windows too, so a move within that noise still counts when it
  // lies clearly beyond the drift's own trend. The trend can only add evidence: it never blocks a move the level's
  // noise lets through.
  const trend = noise?.trend && evidence.forecastError !== undefined && evidence.forecastError !== null ? noise.trend : null;
  const beyondTrend =
    trend !== null &&
    Math.abs(evidence.forecastError!) > TREND_NOISE_FACTOR * trend.absolute &&
    Math.sign(evidence.forecastError!) === Math.sign(move);
  const beyondNoise = !noise || Math.abs(move) > NOISE_FACTOR * noise.absolute || beyondTrend;
  const beyond =
    policy.threshold.kind === "absolute"
      ? Math.abs(move) > policy.threshold.value
      : Math.abs(move) / scale.value > policy.threshold.value;
  const significant = pValue < policy.alpha;
  const sameDirection = Math.sign(difference) === Math.sign(move);

  const moved = describeMove(policy, scale, move, { tied, baselineMedian, candidateMedian: stats.candidate.median!, change });
  const threshold = formatThreshold(policy.threshold, "");
  const p = `p = ${Number(pValue.toPrecision(2))}`;
  const failed = [
    ...(beyond ? [] : [`change ${moved} within threshold ${threshold}`]),
    ...(beyondNoise || !noise ? [] : [noiseReason(moved, noise, policy, trend ? evidence.forecastError! : null)]),
    ...(significant ? [] : [`not significant: ${p} ≥ ${policy.alpha}`]),
    ...(beyondQuantum ? [] : [gridReason(move, quantum!, explanation.effectSize)]),
    ...(significant && !sameDirection ? ["medians and trimmed means disagree on the direction"] : []),
  ];
  if (failed.length > 0) return { ...common, test, pValue, verdict: "no-change", reason: failed.join("; ") };

  const worse = policy.better === "lower" ? move > 0 : move < 0;
  const offTrend = beyondTrend ? `, ${signedNum(evidence.forecastError!)} beyond its trend (forecast error ±${num(trend!.absolute)} between quiet windows)` : "";
  return {
    ...common,
    test,
    pValue,
    verdict: worse ? "regression" : "improvement",
    reason: `change ${moved}${offTrend} beyond threshold ${threshold}; ${p} < ${policy.alpha}`,
  };
}

/** The move in the threshold's terms, saying which statistic moved and what a percentage is a share of. */
function describeMove(
  policy: MetricPolicy,
  scale: NonNullable<VerdictExplanation["relativeTo"]>,
  move: number,
  at: { tied: boolean; baselineMedian: number; candidateMedian: number; change: Pick<MetricVerdict, "changeAbs" | "changePct"> },
): string {
  const tie = at.tied ? ` of the trimmed means (medians both ${num(at.baselineMedian)})` : "";
  if (policy.threshold.kind === "absolute") return `${signedNum(move)}${tie}`;
  const share = signedPercent((move / scale.value) * 100);
  if (scale.of === "spread") {
    return `${share} %${tie} of the baseline's interquartile range (${num(scale.value)}; median ${num(at.baselineMedian)} is too close to 0 for a percentage)`;
  }
  if (scale.of === "magnitude") {
    return `${share} %${tie} of the values' mean size (${num(scale.value)}; median ${num(at.baselineMedian)} and interquartile range are too close to 0 for a percentage)`;
  }
  return at.tied ? `${share} %${tie}` : describeChange(policy, at.baselineMedian, at.candidateMedian, at.change);
}

/**
 * A move on a grid counts from one step up, and at exactly one step (the median hopping to a neighbour) only when
 * the windows separate clearly in its direction. Grid values in floating point differ in their last bits, so
 * "exactly" allows for that.
 */
function isBeyondGridStep(move: number, quantum: number, effectSize: number | null): boolean {
  const size = Math.abs(move);
  if (size > quantum * (1 + GRID_TOLERANCE)) return true;
  if (size < quantum * (1 - GRID_TOLERANCE)) return false;
  return (effectSize ?? 0) * Math.sign(move) >= CLEAR_SEPARATION;
}

function gridReason(move: number, quantum: number, effectSize: number | null): string {
  if (Math.abs(move) < quantum * (1 - GRID_TOLERANCE)) return `change ${num(move)} smaller than one step (${num(quantum)}) of the values' grid`;
  const delta = (effectSize ?? 0).toFixed(2);
  return `change ${num(move)} is one step of the values' grid (${num(quantum)}) and the windows overlap too much (Cliff's δ ${delta}, needs ±${CLEAR_SEPARATION})`;
}

function noiseReason(moved: string, noise: NoiseEstimate, policy: MetricPolicy, forecastError: number | null): string {
  const within = `change ${moved} within this metric's noise (${noiseText(noise, policy)})`;
  if (forecastError === null) return within;
  return `${within}, and ${signedNum(forecastError)} beyond its trend is within ${TREND_NOISE_FACTOR} × its trend's forecast error (±${num(noise.trend!.absolute)})`;
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
 * What a relative threshold is a share of: the baseline median, unless it is 0 or closer to 0 than half the
 * baseline's interquartile range. Then the median is mostly noise around 0 (a sign flip reads as −289 %, a median
 * of exactly 0 makes any move infinite), and the scale of the series is what a move is measured against: the
 * baseline's interquartile range, or, when that is 0 too (a metric that is mostly exactly 0, like errors per second),
 * the mean size |x| of the samples of both windows. Only when every sample of both windows is 0 is there no scale,
 * and then nothing moved. Never 0 when a move is measured.
 */
function relativeScale(before: number[], after: number[], baselineMedian: number): NonNullable<VerdictExplanation["relativeTo"]> {
  const iqr = quantile(before, 0.75) - quantile(before, 0.25);
  if (baselineMedian !== 0 && Math.abs(baselineMedian) >= iqr / 2) return { of: "median", value: Math.abs(baselineMedian) };
  if (iqr > 0) return { of: "spread", value: iqr };
  let size = 0;
  for (const value of before) size += Math.abs(value);
  for (const value of after) size += Math.abs(value);
  return { of: "magnitude", value: size / (before.length + after.length) };
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

function signedNum(x: number): string {
  const text = num(x);
  return text.startsWith("-") ? text : `+${text}`;
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
