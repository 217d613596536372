import { median, quantile } from "simple-statistics";
import { quantisationStep } from "./quantisation-step.js";
import type { SeriesSamples } from "./time-window.js";
import { trendForecastError } from "./trend-forecast-error.js";
import { trimmedMean } from "./yuen-test.js";

/** How much a metric's window median moves between quiet windows (one robust standard deviation). */
export interface NoiseEstimate {
  /** In the metric's unit. */
  absolute: number;
  /** As a share of the typical level (0.06 = 6 %); null when that level is 0. */
  relative: number | null;
  /** How many quiet pairs it rests on. */
  windows: number;
  /**
   * The median changes (in the metric's unit, signed) of quiet pairs left out because each was far beyond the
   * others: an earlier deploy or incident, not noise. Absent or empty when none was.
   */
  excluded?: number[];
  /**
   * Set when the series drifts smoothly and predictably: the robust spread of the quiet pairs' trend forecast errors
   * (see trendForecastError), when it is under TREND_ADVANTAGE × `absolute`. The verdict then weighs the compared
   * pair's own forecast error against it instead of its median change against `absolute`.
   */
  trend?: { absolute: number; windows: number };
}

/** Quiet pairs needed before an estimate is worth showing. */
export const MIN_NOISE_WINDOWS = 3;
// MAD → standard deviation for normally distributed changes.
const MAD_TO_SD = 1.4826;
/**
 * A pair whose change exceeds this many noise standard deviations of the other pairs is itself a change. Four: a
 * quiet pair gets there about once in 10 000 draws of normal noise, while an earlier deploy of 3σ of the samples
 * (about 13 window-level σ at 60 samples) is far beyond it.
 */
const OUTLIER_FACTOR = 4;
/**
 * ...and beyond this many standard errors of its own median change, from the pair's own samples. Six pairs give a
 * noisy scale: when the others happen to sit close together, a quiet pair's ordinary 3σ move looks like an
 * outlier next to them (the fixture Prometheus's flat ±2 % latency lost 2 of 6 pairs that way).
 */
const OWN_ERROR_FACTOR = 5;
// Large-sample standard error of a median, in standard deviations / √n.
const MEDIAN_EFFICIENCY = 1.2533;
// Interquartile range → standard deviation for normal samples.
const IQR_TO_SD = 1.349;
/**
 * A trend model is used only when it predicts a quiet candidate window at least this much better than "no change"
 * does: an iid or autocorrelated series' straight-line forecast is noisier than its level, a smooth drift's is not.
 */
const TREND_ADVANTAGE = 0.5;

/**
 * Estimates a metric's own noise from earlier pairs of windows shaped exactly like the compared pair (same
 * length, same spacing) when nothing was deployed: the change of median within each pair is what "no change"
 * looks like for this metric, including drift and daily rhythm that the sample-level test cannot see.
 * Scale is taken around zero (drift counts as noise) with the median absolute change. Pairs that held an
 * earlier deployment would still inflate it once they are a third or more of the history, so the largest change
 * is dropped while it is beyond OUTLIER_FACTOR × the scale of the pairs left and OWN_ERROR_FACTOR × its own
 * standard error, keeping at least MIN_NOISE_WINDOWS (comparing with the others, not with all, keeps one big
 * change from hiding behind its own contribution). `inflation` is the compared pair's serial dependence (see
 * serialDependence), so autocorrelated history does not make ordinary moves look significant.
 * Pairs with fewer than `minSamples` values are skipped. A pair of quantised windows (a gauge on a coarse grid)
 * counts the change of its trimmed means instead: medians on a grid hop whole steps or not at all, so their median
 * absolute change is either 0 or a step (a gauge halfway between two grid values read ±0 or ±1.5 steps of noise).
 */
export function estimateNoise(
  pairs: Array<{ baseline: SeriesSamples; candidate: SeriesSamples }>,
  minSamples: number,
  inflation = 1,
): NoiseEstimate | null {
  const changes: Array<{ change: number; error: number }> = [];
  const forecastErrors: Array<{ change: number; error: number }> = [];
  const levels: number[] = [];
  for (const pair of pairs) {
    const before = pair.baseline.values.filter(Number.isFinite);
    const after = pair.candidate.values.filter(Number.isFinite);
    if (before.length < minSamples || after.length < minSamples) continue;
    const level = median(before);
    const change = quantisationStep(before, after) === null ? median(after) - level : trimmedMean(after) - trimmedMean(before);
    const error = medianChangeError(before, after, inflation);
    changes.push({ change, error });
    const forecast = quantisationStep(before, after) === null ? trendForecastError(pair.baseline, pair.candidate) : null;
    if (forecast !== null) forecastErrors.push({ change: forecast, error });
    levels.push(level);
  }
  if (changes.length < MIN_NOISE_WINDOWS) return null;
  const { absolute, kept, excluded } = robustScale(changes);
  const level = Math.abs(median(levels));
  const relative = level === 0 ? null : absolute / level;
  const trend = forecastErrors.length === changes.length ? robustScale(forecastErrors) : null;
  return {
    absolute,
    relative,
    windows: kept,
    ...(excluded.length > 0 ? { excluded } : {}),
    ...(trend && trend.absolute < TREND_ADVANTAGE * absolute ? { trend: { absolute: trend.absolute, windows: trend.kept } } : {}),
  };
}

/**
 * 1.4826 × the median absolute change, after dropping the largest change while it is beyond OUTLIER_FACTOR × the
 * scale of the others and OWN_ERROR_FACTOR × its own standard error (never below MIN_NOISE_WINDOWS kept).
 */
function robustScale(changes: Array<{ change: number; error: number }>): { absolute: number; kept: number; excluded: number[] } {
  const kept = [...changes].sort((a, b) => Math.abs(a.change) - Math.abs(b.change));
  const excluded: number[] = [];
  while (kept.length > MIN_NOISE_WINDOWS) {
    const largest = kept[kept.length - 1]!;
    const others = kept.slice(0, -1).map((pair) => Math.abs(pair.change));
    const outlier = Math.abs(largest.change) > OUTLIER_FACTOR * MAD_TO_SD * median(others);
    if (!outlier || Math.abs(largest.change) <= OWN_ERROR_FACTOR * largest.error) break;
    excluded.push(kept.pop()!.change);
  }
  return { absolute: MAD_TO_SD * median(kept.map((pair) => Math.abs(pair.change))), kept: kept.length, excluded };
}

/** Standard error of one pair's median change from its own samples (robust spread, inflated for dependence). */
function medianChangeError(before: number[], after: number[], inflation: number): number {
  const sd = (values: number[]) => (quantile(values, 0.75) - quantile(values, 0.25)) / IQR_TO_SD;
  const variance = sd(before) ** 2 / before.length + sd(after) ** 2 / after.length;
  return MEDIAN_EFFICIENCY * Math.sqrt(Math.max(1, inflation) * variance);
}
