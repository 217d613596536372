import type { MetricVerdict, Verdict } from "../analysis/verdict.js";

/** Whether a later window confirms a candidate window's regression, and why. */
export type ConfirmationJudgement = { confirmed: boolean; reason: string };

const SHOWS: Record<Verdict, string> = {
  regression: "a regression",
  improvement: "an improvement",
  "no-change": "no change",
  inconclusive: "nothing conclusive",
};

/**
 * A regression is confirmed only when the candidate window (as the evaluation stored it) shows it and the
 * later window shows it too, both against the same baseline. Anything else — a later window back within the threshold,
 * improved, or unreadable — is not a confirmation: a lasting regression shows again in the next deployment's
 * evaluation, whereas an issue opened on a blip is noise.
 */
export function judgeConfirmation(candidate: MetricVerdict, later: MetricVerdict): ConfirmationJudgement {
  if (candidate.verdict !== "regression") {
    return { confirmed: false, reason: `The candidate window shows ${SHOWS[candidate.verdict]}: ${candidate.reason}` };
  }
  if (later.verdict === "regression") return { confirmed: true, reason: later.reason };
  return { confirmed: false, reason: `The later window shows ${SHOWS[later.verdict]}: ${later.reason}` };
}
