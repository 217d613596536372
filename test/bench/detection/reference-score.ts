import { mean } from "simple-statistics";
import type { DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy, Verdict } from "../../../src/analysis/verdict.js";
import type { SeriesSamples } from "../../../src/analysis/time-window.js";

/**
 * What a reference detector measured on one case before its cut-off is applied, so the cut-off can be calibrated
 * without measuring again: it flags when the change is beyond the practical threshold and `strength` > cut-off.
 */
export type ReferenceScore =
  | { measured: false }
  | { measured: true; up: boolean; beyond: boolean; strength: number };

export function referenceVerdict(score: ReferenceScore, cutoff: number, better: MetricPolicy["better"]): Verdict {
  if (!score.measured) return "inconclusive";
  if (!score.beyond || !(score.strength > cutoff)) return "no-change";
  return score.up === (better === "lower") ? "regression" : "improvement";
}

/** Both windows as a reference reads them, with their means; null (inconclusive) below minSamples, as for Kaizen. */
export function readReferenceWindows(
  input: DetectorInput,
  policy: MetricPolicy,
): { before: number[]; after: number[]; baseline: number; candidate: number; beyond: boolean } | null {
  const before = referenceSamples(input.baseline, policy.kind);
  const after = referenceSamples(input.candidate, policy.kind);
  if (before.length < policy.minSamples || after.length < policy.minSamples) return null;
  const baseline = mean(before);
  const candidate = mean(after);
  return { before, after, baseline, candidate, beyond: isBeyond(baseline, candidate, policy) };
}

/** The practical-significance rule all three detectors share: the move of the mean exceeds the threshold. */
function isBeyond(baseline: number, candidate: number, policy: MetricPolicy): boolean {
  const change = Math.abs(candidate - baseline);
  if (policy.threshold.kind === "absolute") return change > policy.threshold.value;
  return baseline === 0 ? change > 0 : change / Math.abs(baseline) > policy.threshold.value;
}

/**
 * The samples a reference compares: a gauge as it is; a counter as its per-second rate between consecutive
 * samples, a drop read as a reset (the increase is the new value), as PromQL's rate() would give a user of the tool.
 */
export function referenceSamples(samples: SeriesSamples, kind: MetricPolicy["kind"]): number[] {
  if (kind !== "counter") return samples.values;
  const { timestamps, values } = samples;
  return values.slice(1).map((value, k) => {
    const increase = value >= values[k]! ? value - values[k]! : value;
    return increase / (timestamps[k + 1]! - timestamps[k]!);
  });
}
