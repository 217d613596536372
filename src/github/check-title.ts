import type { Verdict } from "../analysis/verdict.js";
import { VERDICT_ORDER } from "../markdown/sort-by-verdict.js";

const WORDS: Record<Verdict, [singular: string, plural: string]> = {
  regression: ["regression", "regressions"],
  improvement: ["improvement", "improvements"],
  "no-change": ["no change", "no change"],
  inconclusive: ["inconclusive", "inconclusive"],
};

/** The one-line check-run title, e.g. "1 regression, 2 no change, 1 inconclusive". */
export function checkTitle(verdicts: readonly Verdict[]): string {
  const parts = VERDICT_ORDER.flatMap((verdict) => {
    const count = verdicts.filter((v) => v === verdict).length;
    if (count === 0) return [];
    const [singular, plural] = WORDS[verdict];
    return [`${count} ${count === 1 ? singular : plural}`];
  });
  return parts.length > 0 ? parts.join(", ") : "No metrics evaluated";
}
