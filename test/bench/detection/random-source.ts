import { randomBinomial, randomExponential, randomLcg, randomNormal, randomPoisson } from "d3-random";

/** The draws the generator needs, all from one seeded uniform stream. */
export interface RandomSource {
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  exponential(mean: number): number;
  poisson(lambda: number): number;
  binomial(trials: number, p: number): number;
  /** Uniform draws consumed so far (the stream's period is 2³²). */
  draws(): number;
}

/**
 * One stream per run, consumed case after case in a fixed order. d3-random's LCG has a 32-bit state, so separate
 * streams seeded per case would overlap one another; a single stream never repeats while a run draws fewer than
 * 2³² numbers, which run.ts checks.
 */
export function createRandomSource(seed: number): RandomSource {
  const lcg = randomLcg(seed);
  let count = 0;
  const source = (): number => {
    count += 1;
    return lcg();
  };
  const normal = randomNormal.source(source)(0, 1);
  const exponential = randomExponential.source(source);
  const poisson = randomPoisson.source(source);
  const binomial = randomBinomial.source(source);
  return {
    uniform: source,
    normal,
    exponential: (mean) => exponential(1 / mean)(),
    poisson: (lambda) => poisson(lambda)(),
    binomial: (trials, p) => binomial(trials, p)(),
    draws: () => count,
  };
}
