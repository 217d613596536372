import { median } from "simple-statistics";
import type { SeriesSamples } from "./time-window.js";

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
 * Estimates a metric's own noise from earlier pairs of windows shaped exactly like the compared pair (same
 * length, same spacing) when nothing was deployed: the change of median within each pair is what "no change"
 * looks like for this metric, including drift and daily rhythm that the sample-level test cannot see.
 * Scale is taken around zero (drift counts as noise) with the median absolute change. Pairs that held an
 * earlier deployment would still inflate it once they are a third or more of the history, so the largest change
 * is dropped while it is beyond OUTLIER_FACTOR × the scale of the pairs left, keeping at least MIN_NOISE_WINDOWS
 * (comparing with the others, not with all, keeps one big change from hiding behind its own contribution).
 * Pairs with fewer than `minSamples` values are skipped.
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
    changes.push(median(after) - level);
    levels.push(level);
  }
  if (changes.length < MIN_NOISE_WINDOWS) return null;
  const kept = [...changes].sort((a, b) => Math.abs(a) - Math.abs(b));
  const excluded: number[] = [];
  while (kept.length > MIN_NOISE_WINDOWS) {
    const largest = kept[kept.length - 1]!;
    const others = kept.slice(0, -1).map(Math.abs);
    if (Math.abs(largest) <= OUTLIER_FACTOR * MAD_TO_SD * median(others)) break;
    excluded.push(kept.pop()!);
  }
  const absolute = MAD_TO_SD * median(kept.map(Math.abs));
  const level = Math.abs(median(levels));
  const relative = level === 0 ? null : absolute / level;
  return { absolute, relative, windows: kept.length, ...(excluded.length > 0 ? { excluded } : {}) };
}
