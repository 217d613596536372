import { median, quantile } from "simple-statistics";
import { quantisationStep } from "./quantisation-step.js";
import type { SeriesSamples } from "./time-window.js";
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
  const levels: number[] = [];
  for (const pair of pairs) {
    const before = pair.baseline.values.filter(Number.isFinite);
    const after = pair.candidate.values.filter(Number.isFinite);
    if (before.length < minSamples || after.length < minSamples) continue;
    const level = median(before);
    const change = quantisationStep(before, after) === null ? median(after) - level : trimmedMean(after) - trimmedMean(before);
    changes.push({ change, error: medianChangeError(before, after, inflation) });
    levels.push(level);
  }
  if (changes.length < MIN_NOISE_WINDOWS) return null;
  const kept = [...changes].sort((a, b) => Math.abs(a.change) - Math.abs(b.change));
  const excluded: number[] = [];
  while (kept.length > MIN_NOISE_WINDOWS) {
    const largest = kept[kept.length - 1]!;
    const others = kept.slice(0, -1).map((pair) => Math.abs(pair.change));
    const outlier = Math.abs(largest.change) > OUTLIER_FACTOR * MAD_TO_SD * median(others);
    if (!outlier || Math.abs(largest.change) <= OWN_ERROR_FACTOR * largest.error) break;
    excluded.push(kept.pop()!.change);
  }
  const absolute = MAD_TO_SD * median(kept.map((pair) => Math.abs(pair.change)));
  const level = Math.abs(median(levels));
  const relative = level === 0 ? null : absolute / level;
  return { absolute, relative, windows: kept.length, ...(excluded.length > 0 ? { excluded } : {}) };
}

/** Standard error of one pair's median change from its own samples (robust spread, inflated for dependence). */
function medianChangeError(before: number[], after: number[], inflation: number): number {
  const sd = (values: number[]) => (quantile(values, 0.75) - quantile(values, 0.25)) / IQR_TO_SD;
  const variance = sd(before) ** 2 / before.length + sd(after) ** 2 / after.length;
  return MEDIAN_EFFICIENCY * Math.sqrt(Math.max(1, inflation) * variance);
}
