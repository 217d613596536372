import type { Threshold } from "../analysis/verdict.js";

/** A threshold as people read it: relative 0.1 → "10 %", absolute 0.05 with unit "s" → "0.05 s". */
export function formatThreshold(t: Threshold, unit: string): string {
  // toPrecision(12) hides binary noise such as 0.07 × 100 = 7.000000000000001.
  if (t.kind === "relative") return `${Number((t.value * 100).toPrecision(12))} %`;
  return unit ? `${t.value} ${unit}` : String(t.value);
}
