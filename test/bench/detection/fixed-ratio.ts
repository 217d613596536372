import type { DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import { readReferenceWindows, type ReferenceScore } from "./reference-score.js";

/** github-action-benchmark's default `alert-threshold` of "200%": alert when the result is 2× worse. */
export const STOCK_ALERT_RATIO = 2;

/**
 * Reference 1, a fixed ratio as in benchmark-action/github-action-benchmark: it divides the current result by the
 * previous one (the other way round when bigger is better) and alerts when that ratio exceeds `alert-threshold`.
 * Here the two results are the window means, and the rule is made two-sided so improvements count too: strength is
 * max(r, 1/r) for r = |candidate mean| / |baseline mean|, flagged when above the alert ratio. Both means 0 is a
 * ratio of 1, as there.
 */
export function measureFixedRatio(input: DetectorInput, policy: MetricPolicy): ReferenceScore {
  const windows = readReferenceWindows(input, policy);
  if (!windows) return { measured: false };
  const { baseline, candidate, beyond } = windows;
  const ratio = baseline === 0 && candidate === 0 ? 1 : Math.abs(candidate) / Math.abs(baseline);
  return { measured: true, up: candidate > baseline, beyond, strength: Math.max(ratio, 1 / ratio) };
}
