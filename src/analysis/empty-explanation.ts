import type { VerdictExplanation } from "./verdict.js";

/** An explanation with nothing measured yet; each analysis fills in what it learns. A new object every call. */
export function emptyExplanation(): VerdictExplanation {
  return { effectSize: null, autocorrelation: null, effectiveN: null, expectedN: null, noise: null, warnings: [] };
}
