import type { DriftResult } from "../analysis/detect-drift.js";
import { formatNumber, formatPValue } from "./format.js";

/** A step or spread on the drift's scale as people read it: "+2.4 %" on ratios, "+0.003 s" on differences. */
function stepText(result: DriftResult, logOrValue: number, unit: string, signed = true): string {
  if (result.scale === "difference") return formatNumber(logOrValue, unit, { signed });
  const pct = (Math.exp(logOrValue) - 1) * 100;
  const text = `${Number(pct.toPrecision(2))} %`;
  return signed && pct > 0 ? `+${text}` : text;
}

/**
 * The drift check's evidence in words a PR author can follow: which test decided and on how many steps, how noisy
 * the level is and what was left out of that estimate, and where the level moved. One line each.
 */
export function driftEvidence(result: DriftResult, unit: string, stepsNoun: "deploys" | "commits"): string[] {
  const { test, noise } = result;
  const step = stepsNoun === "deploys" ? "deploy" : "commit";
  const lines: string[] = [];
  if (test.pValue !== null) {
    const t = test.statistic === null ? "every step the same" : `t = ${test.statistic.toFixed(1)}`;
    lines.push(
      `Test that decided: ${test.name}, on ${test.n} steps (each ${step}'s level minus the one before): mean step ${stepText(result, test.meanStep, unit)}, spread ${stepText(result, test.stepSd, unit, false)}, ${t}, ${formatPValue(test.pValue, { prose: true })}. A steady drift moves the same way every time; a random wander does not, and is not reported.`,
    );
    lines.push(
      `Effective sample size: ${test.n} steps, one per ${step}. Consecutive levels share their noise, so the test takes the differences between them rather than the levels themselves.`,
    );
  }
  const noiseSize = noise.relative === null ? formatNumber(noise.absolute, unit) : `${Number((noise.relative * 100).toPrecision(2))} %`;
  const excluded = noise.excluded.map((s) => formatNumber(s, unit, { signed: true }));
  lines.push(
    `Noise: the level moves about ±${noiseSize} from one ${step} to the next when nothing changes (robust spread of the steps around their median)` +
      (excluded.length > 0 ? `; left out of it: ${excluded.join(", ")}, far beyond the others, so changes rather than noise.` : "; no step was left out of it."),
  );
  if (result.changePoints.length > 0) {
    lines.push(`Change points (PELT over the levels): the level moved ${result.changePoints.length === 1 ? "once" : `${result.changePoints.length} times`} in the span; the cumulative change is the newest level against the first.`);
  }
  return lines;
}
