import type { Threshold, VerdictExplanation } from "../analysis/verdict.js";
import { formatNumber } from "./format-number.js";

/**
 * A metric's noise in the same terms as its threshold, so the two can be compared at a glance:
 * "±2.1 % between quiet windows (6 earlier pairs)"; says why when there is no estimate.
 */
export function formatNoise(noise: VerdictExplanation["noise"] | undefined, threshold: Threshold, unit: string): string {
  if (!noise) return "not estimated (fewer than 3 earlier window pairs with data)";
  const size =
    threshold.kind === "relative" && noise.relative !== null
      ? `${(Math.round(noise.relative * 1000) / 10).toFixed(1)} %`
      : formatNumber(noise.absolute, unit);
  return `±${size} between quiet windows (${noise.windows} earlier ${noise.windows === 1 ? "pair" : "pairs"})`;
}
