import type { Verdict } from "../analysis/verdict.js";

const LABELS: Record<Verdict, string> = {
  regression: "🔴 Regression",
  improvement: "🟢 Improvement",
  "no-change": "⚪ No change",
  inconclusive: "🟡 Inconclusive",
};

/** The verdict as a word with a colour emoji, so it can be scanned in a long table. */
export function verdictLabel(verdict: Verdict): string {
  return LABELS[verdict];
}
