import ttest2 from "@stdlib/stats-ttest2";
import type { DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import { readReferenceWindows, type ReferenceScore } from "./reference-score.js";

/** The significance level most t-test tools start from. */
export const STOCK_ALPHA = 0.05;

/**
 * Reference 2, a t-test on the raw samples, as Bencher's `t_test` threshold model: Bencher fits a Student's t
 * distribution to earlier results and alerts on a new one outside its boundary. For two windows of samples the
 * same idea is Welch's two-sample t-test (@stdlib/stats-ttest2, Welch–Satterthwaite degrees of freedom), two-sided,
 * which treats every sample as independent. It also has to pass the practical threshold on the means, the rule
 * Kaizen applies, so the comparison is about the statistics. Strength is −ln p: p < α ⇔ strength > −ln α.
 */
export function measureWelchTTest(input: DetectorInput, policy: MetricPolicy): ReferenceScore {
  const windows = readReferenceWindows(input, policy);
  if (!windows) return { measured: false };
  const { before, after, baseline, candidate, beyond } = windows;
  // Both windows constant give p = NaN: nothing to tell apart.
  const { pValue } = ttest2(after, before);
  return { measured: true, up: candidate > baseline, beyond, strength: Number.isNaN(pValue) ? 0 : -Math.log(pValue) };
}

/** The cut-off on strength that stands for significance level `alpha`. */
export function welchCutoff(alpha: number): number {
  return -Math.log(alpha);
}
