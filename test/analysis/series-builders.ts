import type { DetectorInput } from "../../src/analysis/detect-change.js";
import { evaluationWindows, quietPairs, type BaselineMode } from "../../src/analysis/evaluation-windows.js";
import type { SeriesSamples, TimeWindow } from "../../src/analysis/time-window.js";
import type { RandomSource } from "../bench/detection/random-source.js";

export { createRandomSource, type RandomSource } from "../bench/detection/random-source.js";

/** The app's default timing: a sample every 30 s, 30 min windows, 10 min soak, 6 quiet pairs. */
export const STEP_SECONDS = 30;
export const WINDOW_SECONDS = 1800;
const SOAK_SECONDS = 600;
const NOISE_WINDOWS = 6;
/** The deployment's unix time, a multiple of the step as Prometheus aligns range queries. */
export const DEPLOYED_AT = 1_700_001_000;

/** A metric's value at a unix time; called once per sample in time order, so it may keep state. NaN = missing. */
export type Sampler = (time: number) => number;
/** The metric's underlying level at a time. */
export type Level = (time: number) => number;

/** `level` before the deployment, `level + shift` from it on (the candidate window only, given the soak). */
export const stepLevel =
  (level: number, shift = 0): Level =>
  (time) =>
    time >= DEPLOYED_AT ? level + shift : level;

/**
 * The detector's input for a deployment at DEPLOYED_AT: the windows and quiet pairs the app would query
 * (evaluationWindows, quietPairs), each cut from one series drawn from `sample` in time order over the times the
 * windows cover (stateful samplers carry on across the time between windows), NaN samples left out as a range
 * query leaves them out.
 */
export function detectorInput(
  sample: Sampler,
  options: { baseline?: BaselineMode; noiseWindows?: number } = {},
): DetectorInput {
  const t = new Date(DEPLOYED_AT * 1000);
  const windows = evaluationWindows(t, { soak: SOAK_SECONDS * 1000, window: WINDOW_SECONDS * 1000, baseline: options.baseline });
  const pairs = quietPairs(t, windows, options.noiseWindows ?? NOISE_WINDOWS);
  const all = [windows, ...pairs].flatMap((pair) => [pair.baseline, pair.candidate]);
  // Only times inside some window are drawn (a day apart with the yesterday baseline, most of it unused).
  const times = new Set(all.flatMap((window) => stepsIn(window)));
  const series = new Map<number, number>();
  for (const time of [...times].sort((a, b) => a - b)) series.set(time, sample(time));
  const cut = (window: TimeWindow): SeriesSamples => {
    const samples: SeriesSamples = { timestamps: [], values: [] };
    for (const time of stepsIn(window)) {
      const value = series.get(time)!;
      if (Number.isNaN(value)) continue;
      samples.timestamps.push(time);
      samples.values.push(value);
    }
    return samples;
  };
  return {
    baseline: cut(windows.baseline),
    candidate: cut(windows.candidate),
    history: pairs.map((pair) => ({ baseline: cut(pair.baseline), candidate: cut(pair.candidate) })),
    stepSeconds: STEP_SECONDS,
    windowSeconds: WINDOW_SECONDS,
  };
}

function stepsIn(window: TimeWindow): number[] {
  const from = window.start.getTime() / 1000;
  return Array.from({ length: (window.end.getTime() / 1000 - from) / STEP_SECONDS }, (_, i) => from + i * STEP_SECONDS);
}

/** Independent Gaussian noise of sd `sigma` around the level. */
export const iid =
  (random: RandomSource, level: Level, sigma: number): Sampler =>
  (time) =>
    level(time) + sigma * random.normal();

/** AR(1) noise x(k) = ρ·x(k−1) + ε of marginal sd `sigma` around the level. */
export function ar1(random: RandomSource, level: Level, sigma: number, rho: number): Sampler {
  let noise = sigma * random.normal();
  return (time) => {
    noise = rho * noise + sigma * Math.sqrt(1 - rho * rho) * random.normal();
    return level(time) + noise;
  };
}

/** Prometheus' `rate(x[5m])` at a 30 s step: the mean of the last 10 Poisson increments at `rate` per second. */
export function movingRate(random: RandomSource, rate: Level): Sampler {
  const span = 300 / STEP_SECONDS;
  const recent: number[] = [];
  return (time) => {
    while (recent.length < span) recent.push(random.poisson(STEP_SECONDS * rate(time)));
    recent.shift();
    recent.push(random.poisson(STEP_SECONDS * rate(time)));
    return recent.reduce((sum, n) => sum + n, 0) / (span * STEP_SECONDS);
  };
}

/** Requests counted per sample: small Poisson counts, full of ties. */
export const counts =
  (random: RandomSource, mean: Level): Sampler =>
  (time) =>
    random.poisson(mean(time));

/** A cumulative total counting Poisson requests at `rate` per second, restarting from 0 at `resetAt`. */
export function counter(random: RandomSource, rate: Level, resetAt = Infinity): Sampler {
  let total = 1e6;
  return (time) => {
    if (time === resetAt) total = 0;
    total += random.poisson(STEP_SECONDS * rate(time));
    return total;
  };
}

/** `share` of the samples multiplied by `factor`. */
export const withSpikes =
  (random: RandomSource, sample: Sampler, share: number, factor: number): Sampler =>
  (time) => {
    const value = sample(time);
    return random.uniform() < share ? value * factor : value;
  };

/** Each sample missing with probability `share`. */
export const withMissing =
  (random: RandomSource, sample: Sampler, share: number): Sampler =>
  (time) => {
    const value = sample(time);
    return random.uniform() < share ? Number.NaN : value;
  };

/** Every sample in [from, to) missing, as in a scrape outage. */
export const withHole =
  (sample: Sampler, from: number, to: number): Sampler =>
  (time) => {
    const value = sample(time);
    return time >= from && time < to ? Number.NaN : value;
  };

/** A 24 h sinusoid of `amplitude` added, at its steepest (rising) at the deployment. */
export const withDailyCycle =
  (sample: Sampler, amplitude: number): Sampler =>
  (time) =>
    sample(time) + amplitude * Math.sin((2 * Math.PI * (time - DEPLOYED_AT)) / 86_400);
