import { isWithinThreshold } from "./is-within-threshold.js";
import type { MetricPolicy, MetricVerdict } from "./verdict.js";

/**
 * Whether a new verdict shows a regressed metric back at `level`, the level before its regression: no regression
 * (an improvement or no change; inconclusive is no evidence either way) and the candidate's median within the
 * threshold of that level.
 */
export function hasRecovered(
  result: Pick<MetricVerdict, "verdict" | "candidate">,
  level: number,
  policy: Pick<MetricPolicy, "better" | "threshold">,
): boolean {
  return (
    (result.verdict === "improvement" || result.verdict === "no-change") &&
    result.candidate.median !== null &&
    isWithinThreshold(level, result.candidate.median, policy)
  );
}
