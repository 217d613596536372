import type { Verdict } from "../analysis/verdict.js";

/**
 * The check-run conclusion for a set of verdicts. Only a regression under an enabled gate fails the check;
 * otherwise anything inconclusive makes it neutral (we could not tell), and everything else succeeds.
 */
export function checkConclusion(verdicts: readonly Verdict[], gate: boolean): "success" | "failure" | "neutral" {
  if (gate && verdicts.includes("regression")) return "failure";
  if (verdicts.includes("inconclusive")) return "neutral";
  return "success";
}
