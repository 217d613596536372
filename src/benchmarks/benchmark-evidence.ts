import { historyNoiseText } from "../analysis/compare-to-history.js";
import type { MetricVerdict, Threshold } from "../analysis/verdict.js";
import { formatPValue } from "../markdown/format.js";

/**
 * The numbers behind a benchmark's verdict in one line: for samples the test, its p-value, the sample counts and
 * the effect size; for single values the p-value against the branch's run-to-run noise and how many runs it
 * rests on. Inconclusive verdicts have no numbers: the reason says what is missing.
 */
export function benchmarkEvidence(
  result: MetricVerdict,
  method: "samples" | "history",
  context: { threshold: Threshold; unit: string; branch: string },
): string {
  if (result.verdict === "inconclusive" || result.pValue === null) return "—";
  const p = formatPValue(result.pValue, { prose: true });
  if (method === "samples") {
    const effect = result.explanation.effectSize;
    const delta = effect === null ? "" : `, Cliff's δ ${effect > 0 ? "+" : ""}${effect.toFixed(2)}`;
    return `${p}, n = ${result.baseline.n} vs ${result.candidate.n}${delta}`;
  }
  const noise = result.explanation.noise;
  if (!noise) return p;
  const size = historyNoiseText(noise, context.threshold);
  const withUnit = context.threshold.kind === "absolute" && context.unit ? `${size} ${context.unit}` : size;
  return `${p}; noise ${withUnit} between runs (${noise.windows} on ${context.branch})`;
}

