import type { Verdict } from "../analysis/verdict.js";

/** Reading order of verdicts: what needs action first. */
export const VERDICT_ORDER: readonly Verdict[] = ["regression", "improvement", "no-change", "inconclusive"];

/** A copy of the metrics, regressions first, then improvements, no change, inconclusive; config order within each. */
export function sortByVerdict<T extends { result: { verdict: Verdict } }>(metrics: readonly T[]): T[] {
  return [...metrics].sort((a, b) => VERDICT_ORDER.indexOf(a.result.verdict) - VERDICT_ORDER.indexOf(b.result.verdict));
}
