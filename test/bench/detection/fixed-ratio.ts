import { mean } from "simple-statistics";
import type { DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import { referenceSamples, type ReferenceScore } from "./reference-score.js";

/** github-action-benchmark's default `alert-threshold` of "200%": alert when the result is 2× worse. */
export const STOCK_ALERT_RATIO = 2;

/**
 * Reference 1, a fixed ratio as in benchmark-action/github-action-benchmark: it divides the current result by the
 * previous one (the other way round when bigger is better) and alerts when that ratio exceeds `alert-threshold`.
 * Here the two results are the window means, and the rule is made two-sided so improvements count too: strength is
 * max(r, 1/r) for r = |candidate mean| / |baseline mean|, flagged when above the alert ratio. Both means 0 is a
 * ratio of 1, as there. Fewer than minSamples samples in a window is inconclusive, as for Kaizen.
 */
export function measureFixedRatio(input: DetectorInput, policy: MetricPolicy): ReferenceScore {
  const before = referenceSamples(input.baseline, policy.kind);
  const after = referenceSamples(input.candidate, policy.kind);
  if (before.length < policy.minSamples || after.length < policy.minSamples) return { measured: false };
  const baseline = mean(before);
  const candidate = mean(after);
  const ratio = baseline === 0 && candidate === 0 ? 1 : Math.abs(candidate) / Math.abs(baseline);
  return {
    measured: true,
    up: candidate > baseline,
    beyond: isBeyond(baseline, candidate, policy),
    strength: Math.max(ratio, 1 / ratio),
  };
}

/** The practical-significance rule all three detectors share: the move of the mean exceeds the threshold. */
export function isBeyond(baseline: number, candidate: number, policy: MetricPolicy): boolean {
  const change = Math.abs(candidate - baseline);
  if (policy.threshold.kind === "absolute") return change > policy.threshold.value;
  return baseline === 0 ? change > 0 : change / Math.abs(baseline) > policy.threshold.value;
}
