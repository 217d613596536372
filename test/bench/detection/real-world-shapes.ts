import type { RandomSource } from "./random-source.js";
import { levelAt, series, type Shape } from "./shape.js";
import { FIRST_INDEX, HISTORY_PAIRS, SOAK, timeAt, WINDOW } from "./windows.js";

/**
 * Shapes that real metrics have and the first benchmark did not (issue 12): structure inside a window that is not
 * noise, earlier changes inside the history, levels around 0 and values on a coarse grid. Gauges around 100 with
 * σ = 5 unless said otherwise; σ is the sample's marginal standard deviation around its level, as for AR(1).
 */
const LEVEL = 100;
const SIGMA = 5;
/** The small independent part left under a smooth component. */
const RESIDUAL = 1;
const SMOOTH = Math.sqrt(SIGMA ** 2 - RESIDUAL ** 2);
const gauge = { level: LEVEL, sigma: SIGMA, positiveOnly: false, kind: "gauge" as const };

/** A smooth periodic component of standard deviation SMOOTH, random phase, plus a little independent noise. */
function periodic(name: string, description: string, periodSamples: number, wave: (phase: number) => number): Shape {
  return {
    ...gauge,
    name,
    description,
    generate(random, shift) {
      const start = random.uniform();
      return series((j) => levelAt(j, LEVEL, shift) + SMOOTH * wave((start + j / periodSamples) % 1) + RESIDUAL * random.normal());
    },
  };
}

/** A 10 min oscillation (cron, GC, a batch every few minutes): the window sees three whole cycles. */
const oscillation = periodic(
  "oscillation 10 min",
  "a 10 min sine (sd 4.9) plus iid noise σ = 1: rank autocorrelation at its cap, window medians steady",
  600 / 30,
  (phase) => Math.SQRT2 * Math.sin(2 * Math.PI * phase),
);

/** A heap or cache that grows for 15 minutes and is emptied: a steep trend inside every window. */
const sawtooth = periodic(
  "sawtooth 15 min",
  "a ramp that climbs for 15 min and drops (sd 4.9), plus iid noise σ = 1: a trend inside every window",
  900 / 30,
  (phase) => Math.sqrt(12) * (phase - 0.5),
);

/**
 * A smooth series whose level moves slowly (a 6 h sine of amplitude 3σ) under a little independent noise: the
 * samples of a window are nearly a straight line, so their ranks repeat each other, while the windows' medians
 * move only a little from one to the next.
 */
const smoothTrend: Shape = {
  ...gauge,
  name: "smooth trend",
  description: "a 6 h sine of amplitude 3σ under iid noise σ = 1 (σ = 5 labels the steps): a trend inside every window",
  generate(random, shift) {
    const phase = 2 * Math.PI * random.uniform();
    return series((j) => levelAt(j, LEVEL, shift) + 3 * SIGMA * Math.sin((2 * Math.PI * timeAt(FIRST_INDEX + j)) / 21_600 + phase) + RESIDUAL * random.normal());
  },
};

/**
 * iid noise, and two or three of the six quiet pairs each hold an earlier deploy: a lasting step of 3–10σ, up or
 * down, between the pair's windows. Today's noise estimate takes those pairs' changes for noise.
 */
const earlierShifts: Shape = {
  ...gauge,
  name: "earlier shifts in history",
  description: "iid σ = 5 %, and 2–3 of the 6 quiet pairs hold a lasting step of 3–10σ (an earlier deploy)",
  generate(random, shift) {
    const count = 2 + Math.floor(random.uniform() * 2);
    const pairs = Array.from({ length: HISTORY_PAIRS }, (_, k) => k + 1);
    const steps: Array<{ at: number; size: number }> = [];
    for (let k = 0; k < count; k++) {
      const pick = k + Math.floor(random.uniform() * (pairs.length - k));
      [pairs[k], pairs[pick]] = [pairs[pick]!, pairs[k]!];
      const size = (3 + 7 * random.uniform()) * SIGMA * (random.uniform() < 0.5 ? -1 : 1);
      // Inside the pair's soak, so the step falls between its two windows.
      steps.push({ at: -(WINDOW + SOAK + WINDOW) * pairs[k]! + Math.floor(random.uniform() * SOAK), size });
    }
    return series((j) => {
      const earlier = steps.reduce((sum, step) => sum + (FIRST_INDEX + j >= step.at ? step.size : 0), 0);
      return levelAt(j, LEVEL, shift) + earlier + SIGMA * random.normal();
    });
  },
};

/** A signed metric centred on 0 (a balance, a temperature delta, a queue's net flow): medians flip sign. */
const aroundZero: Shape = {
  level: 0,
  sigma: SIGMA,
  percentOf: 1.349 * SIGMA,
  positiveOnly: false,
  kind: "gauge",
  name: "around zero",
  description: "iid σ = 5 around 0; percentages are of the interquartile range (6.7), as the detector measures them near 0",
  generate: (random, shift) => series((j) => levelAt(j, 0, shift) + SIGMA * random.normal()),
};

const QUANTUM = 0.2;
const CPU_NOISE = 0.1;

/**
 * A gauge with noise σ = 0.1 (AR(1) with lag-1 correlation `rho`; 0 draws it independently) around `level`,
 * reported on a 0.2 grid through `anchor`. σ for the labels includes the rounding.
 */
function gridGauge(name: string, description: string, level: number, anchor: number, rho: number): Shape {
  return {
    level,
    sigma: Math.sqrt(CPU_NOISE ** 2 + QUANTUM ** 2 / 12),
    positiveOnly: true,
    kind: "gauge",
    name,
    description,
    generate(random: RandomSource, shift) {
      let deviation = rho > 0 ? CPU_NOISE * random.normal() : 0;
      return series((j) => {
        deviation = rho * deviation + CPU_NOISE * Math.sqrt(1 - rho ** 2) * random.normal();
        const value = levelAt(j, level, shift) + deviation;
        return Number((anchor + QUANTUM * Math.round((value - anchor) / QUANTUM)).toFixed(2));
      });
    },
  };
}

/** A CPU gauge reported on a 0.2 grid: nearly every sample is 5.84, 6.04 or 6.24. */
const quantised = gridGauge(
  "quantised, 3 levels",
  "a gauge around 6.04 with σ = 0.1, reported on a 0.2 grid (5.84 / 6.04 / 6.24); σ includes the rounding",
  6.04,
  6.04,
  0,
);

/**
 * A gauge whose level sits halfway between two points of a coarse grid (2.0 / 2.2, one step ≈ 10 % of it, beyond
 * the threshold), autocorrelated like a real CPU gauge (AR(1) ρ = 0.8): the window median hops a whole step
 * whenever the split between 2.0 and 2.2 tips, which reads as a ±10 % move with nothing changed.
 */
const quantisedBetween = gridGauge(
  "quantised, between levels",
  "a gauge at 2.1 with σ = 0.1 (AR(1) ρ = 0.8) on a 0.2 grid: halfway between 2.0 and 2.2, so medians hop a whole step (≈ 10 %)",
  2.1,
  2.0,
  0.8,
);

export const realWorldShapes: Shape[] = [smoothTrend, oscillation, sawtooth, earlierShifts, aroundZero, quantised, quantisedBetween];
