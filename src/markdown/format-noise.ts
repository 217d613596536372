import { noiseText } from "../analysis/compare-windows.js";
import type { Threshold, VerdictExplanation } from "../analysis/verdict.js";

/**
 * A metric's noise in the same terms as its threshold and worded as in the verdict's reason, so the two can be
 * compared at a glance: "±2.1 % between quiet windows (6 earlier pairs)"; says why when there is no estimate.
 */
export function formatNoise(noise: VerdictExplanation["noise"] | undefined, threshold: Threshold, unit: string): string {
  if (!noise) return "not estimated (fewer than 3 earlier window pairs with data)";
  const size = noiseText(noise, { threshold });
  const withUnit = threshold.kind === "absolute" && unit ? size.replace(/^(±\S+)/, `$1 ${unit}`) : size;
  return `${withUnit} (${noise.windows} earlier ${noise.windows === 1 ? "pair" : "pairs"})`;
}
