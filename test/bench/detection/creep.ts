import { detectDrift } from "../../../src/analysis/detect-drift.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import type { RandomSource } from "./random-source.js";

/**
 * Slow creep (issue 12): a metric that worsens by a small step after every deploy, each step under the threshold.
 * A run is a sequence of deploys; after each one the drift check looks at every level so far (all inside
 * `drift.window`), as the deployments pipeline does. Levels are window medians, so each carries measurement noise
 * (`MEASUREMENT_NOISES`, relative, normal) on top of the true level: 0.5 % is about what a 30-minute window's
 * median of a gauge with a few % of sample noise carries; 1 % is a noisier service.
 *
 * - creep           — a step of s ∈ U(1 %, 3 %) per deploy (each deploy's own step jittered by ±0.25 %), for as
 *                     many deploys as the true cumulative change needs to reach 2× the threshold (at least 10, at
 *                     most 30). Detected in time when the drift check fires at a deploy whose true cumulative
 *                     change is still below 2× the threshold.
 * - random walk     — steps drawn from a normal distribution with mean 0 and standard deviation s (the creep's
 *                     per-deploy spread), 10–30 deploys: no drift, any alarm is false.
 * - random walk ±s  — the adversarial walk: exactly s each deploy with a random sign. Six steps the same way in a
 *                     row are a creep in every respect, so its false alarms have a floor near 1/64 of the runs whose
 *                     six steps pass the threshold; reported, not a target.
 * - stationary      — levels scattered around one value with a standard deviation of s, 10–30 deploys.
 * Before issue 12 no drift check existed: each deploy was judged alone, and every step here is under the
 * threshold, so the old detector caught no creep and raised no alarm (its column is that, not a re-run).
 */
export const CREEP_POLICY: Pick<MetricPolicy, "better" | "threshold" | "alpha"> = {
  better: "lower",
  threshold: { kind: "relative", value: 0.1 },
  // The deployments pipeline's drift alpha: the metric's default alpha (0.01) over the repeated looks (÷ 10).
  alpha: 0.001,
};
/** Measurement noise of a level (relative standard deviation): the targets hold at the first, the second is harder. */
export const MEASUREMENT_NOISES = [0.005, 0.01] as const;
const BASE_RUNS = 1000;

export type CreepScenario = "creep" | "random walk" | "random walk ±s" | "stationary";

export interface CreepRow {
  scenario: CreepScenario;
  /** The level's measurement noise (relative standard deviation). */
  noise: number;
  runs: number;
  /** Runs with a drift issue (creep: in time, before 2× the threshold). */
  flagged: number;
  /** Creep only: median deploys until detection, and the median true cumulative change then (%). */
  medianDeploys: number | null;
  medianCumulativePct: number | null;
}

/** Every scenario, `BASE_RUNS × scale` runs each, from the shared seeded stream. */
export function runCreepBench(random: RandomSource, scale: number): CreepRow[] {
  const runs = Math.max(1, Math.round(BASE_RUNS * scale));
  const scenarios = MEASUREMENT_NOISES.flatMap((noise) => (["creep", "random walk", "random walk ±s", "stationary"] as const).map((scenario) => ({ scenario, noise })));
  return scenarios.map(({ scenario, noise }) => {
    const detections: Array<{ deploys: number; cumulative: number }> = [];
    let flagged = 0;
    for (let run = 0; run < runs; run += 1) {
      const { truth, deadline } = generateRun(scenario, random);
      const levels = truth.map((level) => level * (1 + noise * random.normal()));
      const start = levels[0]!;
      const at = firstDrift(start, levels.slice(1));
      if (at === null || at > deadline) continue;
      flagged += 1;
      if (scenario === "creep") detections.push({ deploys: at, cumulative: (truth[at]! / truth[0]! - 1) * 100 });
    }
    const middle = (xs: number[]) => (xs.length === 0 ? null : xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
    return {
      scenario,
      noise,
      runs,
      flagged,
      medianDeploys: scenario === "creep" ? middle(detections.map((d) => d.deploys)) : null,
      medianCumulativePct: scenario === "creep" ? middle(detections.map((d) => d.cumulative)) : null,
    };
  });
}

/** The first deploy (1-based) after which the drift check fires, or null. */
function firstDrift(start: number, levels: number[]): number | null {
  for (let k = 1; k <= levels.length; k += 1) {
    if (detectDrift({ start, levels: levels.slice(0, k) }, CREEP_POLICY).drifted) return k;
  }
  return null;
}

/** True levels before the first deploy and after each; `deadline`: the last deploy at which an alarm counts. */
function generateRun(scenario: CreepScenario, random: RandomSource): { truth: number[]; deadline: number } {
  const step = 0.01 + 0.02 * random.uniform();
  const limit = 1 + 2 * CREEP_POLICY.threshold.value;
  const truth = [1];
  if (scenario === "creep") {
    const needed = Math.ceil(Math.log(limit) / Math.log(1 + step));
    const deploys = Math.min(30, Math.max(10, needed + 2));
    for (let k = 1; k <= deploys; k += 1) truth.push(truth[k - 1]! * (1 + step + 0.005 * (random.uniform() - 0.5)));
    const reached = truth.findIndex((level) => level >= limit);
    return { truth, deadline: reached === -1 ? deploys : reached - 1 };
  }
  const deploys = 10 + Math.floor(21 * random.uniform());
  if (scenario === "stationary") truth[0] = 1 + step * random.normal();
  for (let k = 1; k <= deploys; k += 1) {
    if (scenario === "random walk") truth.push(truth[k - 1]! * (1 + step * random.normal()));
    else if (scenario === "random walk ±s") truth.push(truth[k - 1]! * (1 + (random.uniform() < 0.5 ? -step : step)));
    else truth.push(1 + step * random.normal());
  }
  return { truth, deadline: deploys };
}
