import tCdf from "@stdlib/stats-base-dists-t-cdf";
import { mean, median, sampleStandardDeviation } from "simple-statistics";
import { describeChange, num } from "./describe-change.js";
import { findChangePoints } from "./find-change-points.js";
import { formatThreshold, type MetricPolicy } from "./verdict.js";

/** A metric's level over a span of deploys: where it stood before the first, and after each one. */
export interface DriftInput {
  /** The level before the span's first deploy (that deploy's baseline median). */
  start: number;
  /** The level after each deploy (its candidate median), oldest first. */
  levels: readonly number[];
  /** What the steps are called in the reason: `deploys` (default), or `commits` for benchmark history. */
  noun?: "deploys" | "commits";
}

/** The drift test's answer, with every number an issue shows. */
export interface DriftResult {
  /** A significant worsening beyond the threshold, built up over the span. */
  drifted: boolean;
  /** Why, in words a PR author can follow. */
  reason: string;
  /** The level before the metric moved (the first level segment's mean) and now (the last segment's). */
  levelBefore: number;
  levelNow: number;
  /** levelNow − levelBefore; the percentage is null when levelBefore is 0 or the levels cross 0. */
  changeAbs: number;
  changePct: number | null;
  /** Indices into `levels` of the deploys after which a new level began (PELT change points), oldest first. */
  changePoints: number[];
  /** Each deploy's step: its level minus the one before it (`start` for the first), in the metric's unit. */
  steps: number[];
  /** The test that decided, on the per-deploy steps. */
  test: { name: string; n: number; meanStep: number; stepSd: number; statistic: number | null; pValue: number | null };
  /**
   * The level's own noise from one deploy to the next (robust standard deviation of the steps around their median,
   * divided by √2 since a step is a difference of two noisy levels); `excluded` lists the steps left out of it as
   * changes rather than noise (more than 4 robust standard deviations from the median step).
   */
  noise: { absolute: number; relative: number | null; excluded: number[] };
  /** `ratio`: steps compared as log ratios (positive levels, relative threshold); `difference` otherwise. */
  scale: "ratio" | "difference";
}

/** Deploys needed in a span before a drift can be judged: fewer steps cannot tell a trend from a walk. */
export const MIN_DRIFT_DEPLOYS = 6;
export const DRIFT_TEST = "one-sided t test on the steps between consecutive levels";
const MAD_TO_SD = 1.4826;
const OUTLIER_SDS = 4;

/**
 * Slow creep: many deploys that each change a metric by less than its threshold, adding up to more.
 *
 * 1. scale   — positive levels with a relative threshold are compared as logarithms, so a steady 2 % per deploy
 *              is a steady step; otherwise as they are.
 * 2. noise   — how much the level moves between deploys when nothing changes, from the median absolute deviation
 *              of the steps around their median step: a steady creep shifts the median, not the spread, and a
 *              single large step does not inflate it.
 * 3. levels  — PELT change points over the levels (penalty 3·ln n in units of that noise): where the level moved.
 *              The cumulative change is the last level segment's mean against the first's; with no change point
 *              the level has not moved.
 * 4. test    — is the mean step different from zero in the worsening direction? A one-sided t test on the steps,
 *              which is exact when the levels wander as a random walk and conservative when they are stationary
 *              noise around one level: neither is read as a drift, only a persistent direction is.
 * 5. verdict — drifted when the cumulative change worsens the metric beyond `threshold` and the test's p-value is
 *              below `alpha`.
 */
export function detectDrift(input: DriftInput, policy: Pick<MetricPolicy, "better" | "threshold" | "alpha">): DriftResult {
  const values = [input.start, ...input.levels].filter(Number.isFinite);
  const ratio = policy.threshold.kind === "relative" && values.every((v) => v > 0);
  const y = values.map((v) => (ratio ? Math.log(v) : v));
  const fromScale = (v: number) => (ratio ? Math.exp(v) : v);
  const steps = values.slice(1).map((v, i) => v - values[i]!);
  const increments = y.slice(1).map((v, i) => v - y[i]!);
  const worse = policy.better === "lower" ? 1 : -1;
  const noun = input.noun ?? "deploys";

  const empty = { levelBefore: input.start, levelNow: values.at(-1) ?? input.start, changeAbs: 0, changePct: null, changePoints: [] };
  const noTest = { name: DRIFT_TEST, n: increments.length, meanStep: 0, stepSd: 0, statistic: null, pValue: null };
  const base = { drifted: false, steps, scale: ratio ? ("ratio" as const) : ("difference" as const) };
  if (increments.length < MIN_DRIFT_DEPLOYS) {
    const reason = `${increments.length} ${noun} with a measured level in the window; ${MIN_DRIFT_DEPLOYS} are needed to tell a trend from noise`;
    return { ...base, ...empty, reason, test: noTest, noise: { absolute: 0, relative: null, excluded: [] } };
  }

  // 2. noise
  const centre = median(increments);
  const deviations = increments.map((d) => Math.abs(d - centre));
  const stepNoise = MAD_TO_SD * median(deviations);
  const excludedAt = increments.flatMap((d, i) => (stepNoise > 0 && Math.abs(d - centre) > OUTLIER_SDS * stepNoise ? [i] : []));
  const levelNoise = stepNoise / Math.SQRT2;
  const scaleOf = Math.max(...y.map(Math.abs));
  const floor = Math.max(levelNoise, scaleOf * 1e-9, Number.MIN_VALUE);
  const noise = ratio
    ? { absolute: levelNoise * Math.abs(input.start), relative: levelNoise, excluded: excludedAt.map((i) => steps[i]!) }
    : { absolute: levelNoise, relative: null, excluded: excludedAt.map((i) => steps[i]!) };

  // 3. levels
  const cuts = findChangePoints(y, floor * floor, 3 * Math.log(y.length));
  const first = y.slice(0, cuts[0] ?? y.length);
  const last = y.slice(cuts.at(-1) ?? 0);
  const levelBefore = fromScale(mean(first));
  const levelNow = fromScale(mean(last));
  const changeAbs = levelNow - levelBefore;
  const changePct = ratio ? (levelNow / levelBefore - 1) * 100 : levelBefore !== 0 && values.every((v) => Math.sign(v) === Math.sign(levelBefore)) ? (changeAbs / Math.abs(levelBefore)) * 100 : null;
  const changePoints = cuts.map((cut) => cut - 1);

  // 4. test
  const n = increments.length;
  const meanStep = mean(increments) * worse;
  const stepSd = sampleStandardDeviation(increments);
  const statistic = stepSd > 0 ? meanStep / (stepSd / Math.sqrt(n)) : null;
  const pValue = statistic === null ? (meanStep > 0 ? 0 : 1) : 1 - tCdf(statistic, n - 1);
  const test = { name: DRIFT_TEST, n, meanStep: meanStep * worse, stepSd, statistic, pValue };
  const measured = { ...base, levelBefore, levelNow, changeAbs, changePct, changePoints, test, noise };

  // 5. verdict
  const threshold = formatThreshold(policy.threshold, "");
  const moved = describeChange(policy, levelBefore, levelNow, { changeAbs, changePct });
  if (cuts.length === 0) {
    return { ...measured, reason: `the level has not moved: no change point over ${n} ${noun} (around ${num(levelBefore)})` };
  }
  const worsening = changeAbs * worse;
  const beyond =
    policy.threshold.kind === "absolute" ? worsening > policy.threshold.value : changePct !== null && (changePct / 100) * worse > policy.threshold.value;
  if (worsening <= 0) return { ...measured, reason: `the level moved the better way (${moved})` };
  if (policy.threshold.kind === "relative" && changePct === null) {
    return { ...measured, reason: `the level sits at or crosses 0, where a ${threshold} change means nothing; set an absolute drift threshold` };
  }
  if (!beyond) return { ...measured, reason: `the level moved ${moved}, within the ${threshold} threshold` };
  if (pValue >= policy.alpha) {
    return {
      ...measured,
      reason: `the level moved ${moved}, but the steps go both ways (${pText(pValue)}, needs < ${policy.alpha}): a random wander, not a steady drift`,
    };
  }
  return { ...measured, drifted: true, reason: `the level drifted ${moved} over ${n} ${noun}, beyond the ${threshold} threshold (${pText(pValue)})` };
}

function pText(p: number): string {
  return p < 0.0001 ? "p < 0.0001" : `p = ${Number(p.toPrecision(2))}`;
}
