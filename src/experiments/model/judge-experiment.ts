import type { Expectation } from "./parse-hypothesis.js";

export type ExperimentOutcome = "confirmed" | "refuted" | "inconclusive";

/** The parts of one metric's verdict an experiment is judged on (structurally `db/evaluation-verdicts`' row). */
export interface ExperimentEvidence {
  verdict: "regression" | "improvement" | "no-change" | "inconclusive";
  reason: string;
  changePct: number | null;
}

/**
 * An experiment's outcome from its metric's verdict in the evaluation of the deploy that shipped it:
 * - inconclusive — the evaluation could not tell (too few samples, no data), or the metric was not measured;
 * - refuted      — no significant change, a change the wrong way, or the right way but smaller than expected;
 * - confirmed    — a significant change the expected way, at least as large as expected (`any`: either way).
 * Significance is the deployment verdict's own (rank test and the metric's threshold), so an experiment is held to
 * the same standard as a regression.
 */
export function judgeExperiment(expectation: Expectation, evidence: ExperimentEvidence | null): { outcome: ExperimentOutcome; why: string } {
  if (!evidence) return { outcome: "inconclusive", why: "the evaluation has no result for this metric" };
  if (evidence.verdict === "inconclusive") return { outcome: "inconclusive", why: evidence.reason };
  if (evidence.verdict === "no-change") return { outcome: "refuted", why: "no significant change" };
  const change = evidence.changePct;
  if (change === null) return { outcome: "inconclusive", why: "the change could not be computed" };
  const moved = change < 0 ? "lower" : "higher";
  if (expectation.direction !== "any" && moved !== expectation.direction) {
    return { outcome: "refuted", why: `it moved the wrong way (${moved}, expected ${expectation.direction})` };
  }
  if (expectation.pct !== null && Math.abs(change) < expectation.pct) {
    return { outcome: "refuted", why: `it moved ${moved} by ${Math.abs(change).toFixed(1)} %, less than the ${expectation.pct} % expected` };
  }
  return { outcome: "confirmed", why: `a significant move ${moved} of ${Math.abs(change).toFixed(1)} %` };
}
