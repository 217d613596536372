import type { RandomSource } from "./random-source.js";
import { levelAt, series, type Shape } from "./shape.js";
import { FIRST_INDEX, SERIES_LENGTH, SOAK, timeAt, WINDOW } from "./windows.js";

/** Gauges around a level of 100 with Gaussian noise; all but the iid ones have a coefficient of variation of 5 %. */
const LEVEL = 100;
const SIGMA = 5;
const DAY_SECONDS = 86_400;

const gauge = { level: LEVEL, positiveOnly: false, kind: "gauge" as const };
const noisy = (random: RandomSource, shift: number, sigma = SIGMA): number[] =>
  series((j) => levelAt(j, LEVEL, shift) + sigma * random.normal());

function iid(cv: number): Shape {
  const sigma = LEVEL * cv;
  return {
    ...gauge,
    name: `iid ${cv * 100} %`,
    description: `independent Gaussian noise, σ = ${cv * 100} % of the level`,
    sigma,
    generate: (random, shift) => noisy(random, shift, sigma),
  };
}

/** AR(1) with marginal sd σ: innovations of sd σ·√(1 − ρ²), first value drawn from the stationary law. */
function ar1(rho: number): Shape {
  const innovation = SIGMA * Math.sqrt(1 - rho * rho);
  return {
    ...gauge,
    name: `AR(1) ρ=${rho}`,
    description: `autocorrelated noise x(k) = ρ·x(k−1) + ε, ρ = ${rho}, marginal σ = 5 %`,
    sigma: SIGMA,
    generate(random, shift) {
      let noise = SIGMA * random.normal();
      return series((j) => {
        if (j > 0) noise = rho * noise + innovation * random.normal();
        return levelAt(j, LEVEL, shift) + noise;
      });
    },
  };
}

const spikes: Shape = {
  ...gauge,
  name: "spikes",
  description: "iid σ = 5 %, and 2 % of samples multiplied by 3–10 (σ counts the Gaussian part only)",
  sigma: SIGMA,
  generate: (random, shift) =>
    noisy(random, shift).map((value) => (random.uniform() < 0.02 ? value * (3 + 7 * random.uniform()) : value)),
};

const seasonal: Shape = {
  ...gauge,
  name: "daily cycle",
  description: "iid σ = 5 % plus a 24 h sinusoid of amplitude 3σ and random phase",
  sigma: SIGMA,
  generate(random, shift) {
    const phase = 2 * Math.PI * random.uniform();
    return noisy(random, shift).map(
      (value, j) => value + 3 * SIGMA * Math.sin((2 * Math.PI * timeAt(FIRST_INDEX + j)) / DAY_SECONDS + phase),
    );
  },
};

/** An exact share (20–30 %, drawn per series) of all samples removed, chosen uniformly without replacement. */
const scatteredGaps: Shape = {
  ...gauge,
  name: "gaps 20–30 %",
  description: "iid σ = 5 % with 20–30 % of the samples missing at random",
  sigma: SIGMA,
  generate(random, shift) {
    const values = noisy(random, shift);
    const missing = Math.round((0.2 + 0.1 * random.uniform()) * SERIES_LENGTH);
    const order = values.map((_, j) => j);
    for (let k = 0; k < missing; k++) {
      const pick = k + Math.floor(random.uniform() * (SERIES_LENGTH - k));
      [order[k], order[pick]] = [order[pick]!, order[k]!];
      values[order[k]!] = Number.NaN;
    }
    return values;
  },
};

/** A scrape outage: 10–20 minutes missing in one piece, inside the baseline or the candidate window. */
const outage: Shape = {
  ...gauge,
  name: "outage 10–20 min",
  description: "iid σ = 5 % with one block of 10–20 min missing inside the baseline or the candidate window",
  sigma: SIGMA,
  generate(random, shift) {
    const values = noisy(random, shift);
    const length = 20 + Math.floor(random.uniform() * 21);
    const windowStart = random.uniform() < 0.5 ? -WINDOW : SOAK;
    const start = windowStart + Math.floor(random.uniform() * (WINDOW - length + 1));
    values.fill(Number.NaN, start - FIRST_INDEX, start + length - FIRST_INDEX);
    return values;
  },
};

export const gaussianShapes: Shape[] = [
  iid(0.01),
  iid(0.05),
  iid(0.2),
  ar1(0.5),
  ar1(0.8),
  ar1(0.9),
  spikes,
  seasonal,
  scatteredGaps,
  outage,
];
