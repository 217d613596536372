import type { MetricPolicy, Verdict } from "../../../src/analysis/verdict.js";
import type { SeriesSamples } from "../../../src/sources/metrics-source.js";

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
