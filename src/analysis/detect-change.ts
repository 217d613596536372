import type { SeriesSamples } from "../sources/metrics-source.js";
import { compareWindows } from "./compare-windows.js";
import type { MetricPolicy, MetricVerdict } from "./verdict.js";

/** Two windows measured the same way as the real comparison, at a time when nothing was deployed. */
export interface QuietPair {
  baseline: SeriesSamples;
  candidate: SeriesSamples;
}

/** Everything the detector looks at for one metric. */
export interface DetectorInput {
  baseline: SeriesSamples;
  candidate: SeriesSamples;
  /** Earlier quiet pairs, oldest first, for the noise estimate; empty or absent skips it. */
  history?: QuietPair[];
  /** Query resolution, so gaps can be told from a short window; absent when unknown. */
  stepSeconds?: number;
}

/**
 * Kaizen's detector: one metric's verdict from its two windows, its history and its policy. Pure and
 * deterministic (numbers in, verdict out), so the CLI, the app and `npm run bench:detection` agree.
 */
export function detectChange(input: DetectorInput, policy: MetricPolicy): MetricVerdict {
  return compareWindows(input.baseline.values, input.candidate.values, policy);
}
