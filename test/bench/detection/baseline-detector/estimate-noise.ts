import { median } from "simple-statistics";
import type { SeriesSamples } from "../../../../src/analysis/time-window.js";

/** How much a metric's window median moves between quiet windows (one robust standard deviation). */
export interface NoiseEstimate {
  /** In the metric's unit. */
  absolute: number;
  /** As a share of the typical level (0.06 = 6 %); null when that level is 0. */
  relative: number | null;
  /** How many quiet pairs it rests on. */
  windows: number;
}

/** Quiet pairs needed before an estimate is worth showing. */
export const MIN_NOISE_WINDOWS = 3;
// MAD → standard deviation for normally distributed changes.
const MAD_TO_SD = 1.4826;

/**
 * Estimates a metric's own noise from earlier pairs of windows shaped exactly like the compared pair (same
 * length, same spacing) when nothing was deployed: the change of median within each pair is what "no change"
 * looks like for this metric, including drift and daily rhythm that the sample-level test cannot see.
 * Scale is taken around zero (drift counts as noise) with the median absolute change, so one pair that did
 * contain an earlier deployment does not inflate it. Pairs with fewer than `minSamples` values are skipped.
 */
export function estimateNoise(
  pairs: Array<{ baseline: SeriesSamples; candidate: SeriesSamples }>,
  minSamples: number,
): NoiseEstimate | null {
  const changes: number[] = [];
  const levels: number[] = [];
  for (const pair of pairs) {
    const before = pair.baseline.values.filter(Number.isFinite);
    const after = pair.candidate.values.filter(Number.isFinite);
    if (before.length < minSamples || after.length < minSamples) continue;
    const level = median(before);
    changes.push(Math.abs(median(after) - level));
    levels.push(level);
  }
  if (changes.length < MIN_NOISE_WINDOWS) return null;
  const absolute = MAD_TO_SD * median(changes);
  const level = Math.abs(median(levels));
  return { absolute, relative: level === 0 ? null : absolute / level, windows: changes.length };
}
