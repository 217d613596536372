import type { MetricVerdict, Verdict } from "../../src/analysis/verdict.js";
import { judgeConfirmation } from "../../src/deployments/judge-confirmation.js";

const result = (verdict: Verdict, reason: string) => ({ verdict, reason }) as MetricVerdict;

describe("judgeConfirmation", () => {
  it.each([
    // candidate, later, confirmed, reason
    ["regression", "regression", true, "later +40 %"],
    ["regression", "no-change", false, "The later window shows no change: later +1 %"],
    ["regression", "improvement", false, "The later window shows an improvement: later +40 %"],
    ["regression", "inconclusive", false, "The later window shows nothing conclusive: later +40 %"],
    ["no-change", "regression", false, "The candidate window shows no change: candidate"],
    ["inconclusive", "regression", false, "The candidate window shows nothing conclusive: candidate"],
  ] as const)("candidate %s, later window %s → confirmed %s", (candidate, later, confirmed, reason) => {
    const laterReason = later === "no-change" ? "later +1 %" : "later +40 %";
    expect(judgeConfirmation(result(candidate, "candidate"), result(later, laterReason))).toEqual({ confirmed, reason });
  });
});
