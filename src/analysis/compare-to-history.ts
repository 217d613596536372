import tCdf from "@stdlib/stats-base-dists-t-cdf";
import { median } from "simple-statistics";
import { describeChange, num, percent } from "./describe-change.js";
import { emptyExplanation, formatThreshold, type MetricPolicy, type MetricVerdict, type Threshold, type VerdictExplanation } from "./verdict.js";

/** One value on each side, and earlier values of the same measure on the base branch, newest first. */
export interface HistoryInput {
  baseline: number;
  head: number;
  /** Earlier results on the base branch (the baseline commit itself left out), in time order either way. */
  history: number[];
  /** Where the history comes from, for the reasons: the base branch's name. */
  branch: string;
}

/** Results of the base branch needed before its noise is worth estimating. */
export const MIN_HISTORY = 3;
// MAD → standard deviation for normally distributed differences.
const MAD_TO_SD = 1.4826;
const TEST = "prediction interval from run-to-run noise (t test)";

/**
 * Judges a benchmark that reports one value per run, against its baseline commit's value, with the noise
 * taken from the base branch's own recent runs instead of assumed.
 *
 * Noise: the spread of the differences between consecutive runs in history, as a robust standard deviation
 * (1.4826 × the median absolute difference). Differences rather than spread around the mean, so a real step
 * that already landed on the branch is not counted as noise; the median rather than a standard deviation,
 * so one run on a busy CI machine does not inflate it. It is directly the noise of "head minus baseline",
 * which is itself a difference between two runs.
 *
 * Verdict: regression or improvement when the change is beyond the threshold and outside the (1 − alpha)
 * prediction interval of that difference (t with n − 1 degrees of freedom, n history runs); otherwise
 * no-change with what failed. Fewer than MIN_HISTORY earlier runs → inconclusive: one pair of numbers alone
 * cannot tell a change from noise.
 */
export function compareToHistory(input: HistoryInput, policy: Pick<MetricPolicy, "better" | "threshold" | "alpha">): MetricVerdict {
  const { baseline, head, branch } = input;
  const history = input.history.filter(Number.isFinite);
  const changeAbs = head - baseline;
  const changePct = baseline === 0 ? null : (changeAbs / Math.abs(baseline)) * 100;
  const explanation = emptyExplanation();
  const common = { baseline: { n: 1, median: baseline }, candidate: { n: 1, median: head }, changeAbs, changePct, test: TEST, explanation };

  if (history.length < MIN_HISTORY) {
    const found = history.length === 0 ? "none" : `only ${history.length}`;
    const reason = `one value per run and ${found} of the ${MIN_HISTORY} earlier results on ${branch} needed to estimate its noise; add samples (e.g. \`-count\`, repetitions) or wait for more runs on ${branch}`;
    return { ...common, pValue: null, verdict: "inconclusive", reason };
  }

  const noise = runToRunNoise(history);
  explanation.noise = noise;
  explanation.warnings = noiseWarning(noise, policy.threshold, branch);
  const df = history.length - 1;
  const pValue = noise.absolute === 0 ? (changeAbs === 0 ? 1 : 0) : 2 * (1 - tCdf(Math.abs(changeAbs) / noise.absolute, df));
  if (changeAbs === 0) return { ...common, pValue, verdict: "no-change", reason: `unchanged at ${num(baseline)}` };

  const beyond =
    policy.threshold.kind === "absolute"
      ? Math.abs(changeAbs) > policy.threshold.value
      : baseline === 0 || Math.abs(changeAbs) / Math.abs(baseline) > policy.threshold.value;
  const significant = pValue < policy.alpha;
  const moved = describeChange(policy, baseline, head, { changeAbs, changePct });
  const threshold = formatThreshold(policy.threshold, "");
  const p = `p = ${Number(pValue.toPrecision(2))}`;
  const noiseWords = `${historyNoiseText(noise, policy.threshold)} between runs on ${branch}`;
  const failed = [
    ...(beyond ? [] : [`change ${moved} within threshold ${threshold}`]),
    ...(significant ? [] : [`within the noise (${noiseWords}): ${p} ≥ ${policy.alpha}`]),
  ];
  if (failed.length > 0) return { ...common, pValue, verdict: "no-change", reason: failed.join("; ") };

  const worse = policy.better === "lower" ? changeAbs > 0 : changeAbs < 0;
  return {
    ...common,
    pValue,
    verdict: worse ? "regression" : "improvement",
    reason: `change ${moved} beyond threshold ${threshold} and outside the noise (${noiseWords}); ${p} < ${policy.alpha}`,
  };
}

/** The robust standard deviation of consecutive differences, in the unit and relative to the branch's level. */
export function runToRunNoise(history: number[]): NonNullable<VerdictExplanation["noise"]> {
  const differences = history.slice(1).map((value, i) => Math.abs(value - history[i]!));
  const absolute = MAD_TO_SD * median(differences);
  const level = Math.abs(median(history));
  return { absolute, relative: level === 0 ? null : absolute / level, windows: history.length };
}

/** "±6 %" or "±0.3": the noise in the threshold's terms, so the two can be compared at a glance. */
export function historyNoiseText(noise: NonNullable<VerdictExplanation["noise"]>, threshold: Threshold): string {
  return threshold.kind === "relative" && noise.relative !== null ? `±${percent(noise.relative * 100)} %` : `±${num(noise.absolute)}`;
}

function noiseWarning(noise: NonNullable<VerdictExplanation["noise"]>, threshold: Threshold, branch: string): string[] {
  const below = threshold.kind === "relative" ? noise.relative !== null && noise.relative > threshold.value : noise.absolute > threshold.value;
  if (!below) return [];
  const fix = "smaller changes cannot be told from noise: raise the threshold or report samples";
  return [`threshold ${formatThreshold(threshold, "")} but this benchmark moves ${historyNoiseText(noise, threshold)} between runs on ${branch}; ${fix}`];
}
