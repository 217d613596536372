import type { SeriesSamples } from "./time-window.js";
import { compareWindows, noiseText } from "./compare-windows.js";
import { counterRate } from "./counter-rate.js";
import { estimateNoise, type NoiseEstimate } from "./estimate-noise.js";
import { serialDependence } from "./serial-dependence.js";
import { trendForecastError } from "./trend-forecast-error.js";
import { formatThreshold, type MetricPolicy, type MetricVerdict } from "./verdict.js";

/** Two windows measured the same way as the real comparison, at a time when nothing was deployed. */
export interface QuietPair {
  baseline: SeriesSamples;
  candidate: SeriesSamples;
}

/** Everything the detector looks at for one metric. */
export interface DetectorInput {
  baseline: SeriesSamples;
  candidate: SeriesSamples;
  /** Earlier quiet pairs, in any order, for the noise estimate; empty or absent skips it. */
  history?: QuietPair[];
  /** Query resolution, so gaps can be told from a short window; absent when unknown. */
  stepSeconds?: number;
  /** Length of each window, so missing samples can be counted; absent when unknown. */
  windowSeconds?: number;
}

/**
 * Kaizen's detector: one metric's verdict from its two windows, its history and its policy. Pure and
 * deterministic (numbers in, verdict out), so the CLI, the app and `npm run bench:detection` agree.
 *
 * 1. counters  — cumulative totals become per-second rates (resets allowed for).
 * 2. dependence — lag-1 autocorrelation from every window at hand, to correct the rank test.
 * 3. noise     — the metric's window-to-window movement in quiet history.
 * 4. verdict   — compareWindows: threshold, noise, corrected rank test.
 * 5. warnings  — a threshold below the noise, a gauge that behaves like a counter, windows full of gaps.
 */
export function detectChange(input: DetectorInput, policy: MetricPolicy): MetricVerdict {
  const counter = policy.kind === "counter";
  const prepare = (series: SeriesSamples): SeriesSamples => (counter ? counterRate(series) : series);
  const baseline = prepare(input.baseline);
  const candidate = prepare(input.candidate);
  const history = (input.history ?? []).map((pair) => ({
    baseline: prepare(pair.baseline),
    candidate: prepare(pair.candidate),
  }));

  const windows = [baseline, candidate, ...history.flatMap((pair) => [pair.baseline, pair.candidate])];
  const dependence = serialDependence(windows.map(finiteOnly), input.stepSeconds);
  const noise = estimateNoise(history, policy.minSamples, dependence.inflation);
  const forecastError = noise?.trend ? trendForecastError(baseline, candidate) : null;
  const result = compareWindows(baseline.values, candidate.values, policy, { dependence, noise, forecastError });

  const expectedN = expectedSamples(input, counter);
  const warnings = [
    ...noiseWarning(noise, policy),
    ...(counter ? [] : counterWarning(input.baseline, input.candidate, policy.minSamples)),
    ...gapWarning(result, expectedN),
  ];
  return { ...result, explanation: { ...result.explanation, expectedN, warnings } };
}

function finiteOnly(series: SeriesSamples): SeriesSamples {
  if (series.values.every(Number.isFinite)) return series;
  const keep = series.values.map((value) => Number.isFinite(value));
  return {
    timestamps: series.timestamps.filter((_, i) => keep[i]),
    values: series.values.filter((_, i) => keep[i]),
  };
}

function expectedSamples(input: DetectorInput, counter: boolean): number | null {
  if (!input.stepSeconds || !input.windowSeconds) return null;
  // A counter's first sample only anchors the first rate.
  return Math.floor(input.windowSeconds / input.stepSeconds) - (counter ? 1 : 0);
}

function noiseWarning(noise: NoiseEstimate | null, policy: MetricPolicy): string[] {
  if (!noise) return [];
  const { threshold } = policy;
  const below =
    threshold.kind === "relative"
      ? noise.relative !== null && noise.relative > threshold.value
      : noise.absolute > threshold.value;
  if (!below) return [];
  const measured = `${noiseText(noise, policy)} (${noise.windows} earlier pairs)`;
  const fix = "smaller changes cannot be told from noise: raise the threshold or lengthen the window";
  return [`threshold ${formatThreshold(threshold, "")} but this metric moves ${measured}; ${fix}`];
}

/**
 * A gauge that only ever rises across both windows is almost always a counter queried without rate(). A
 * restart resets a counter to near 0, so a drop to under half the previous value does not count as falling.
 */
function counterWarning(baseline: SeriesSamples, candidate: SeriesSamples, minSamples: number): string[] {
  if (baseline.values.length < minSamples || candidate.values.length < minSamples) return [];
  const values = [...baseline.values, ...candidate.values].filter(Number.isFinite);
  let rose = false;
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1]!;
    const current = values[i]!;
    const reset = current < previous / 2 && previous > 0;
    if (current < previous && !reset) return [];
    if (current > previous) rose = true;
  }
  return rose ? ["values only ever rise, like a counter: set `kind: counter` or wrap the query in `rate()`"] : [];
}

function gapWarning(result: MetricVerdict, expectedN: number | null): string[] {
  if (!expectedN) return [];
  const short = (["baseline", "candidate"] as const).filter((side) => result[side].n > 0 && result[side].n < expectedN / 2);
  return short.map((side) => `${side} window has ${result[side].n} of ${expectedN} samples: the source has gaps`);
}
