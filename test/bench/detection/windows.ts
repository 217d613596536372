import type { DetectorInput, QuietPair } from "../../../src/analysis/detect-change.js";
import type { SeriesSamples } from "../../../src/analysis/time-window.js";

/**
 * The app's default timing (step 30 s, window 30 min, soak 10 min), counted in samples from the deployment at
 * index 0: baseline [−60, 0), candidate [20, 80). Quiet pair i (1 … 6) repeats that shape around a pretend
 * deployment at −140·i, so the pairs tile the 7 hours before the baseline without overlapping one another or it:
 * baseline_i [−140·i − 60, −140·i), candidate_i [−140·i + 20, −140·i + 80). Pair 1 ends where the baseline starts.
 */
export const STEP_SECONDS = 30;
export const WINDOW = 60;
export const SOAK = 20;
export const HISTORY_PAIRS = 6;
const PAIR_SPAN = WINDOW + SOAK + WINDOW;
/** Index of a series' first sample, relative to the deployment. */
export const FIRST_INDEX = -(HISTORY_PAIRS * PAIR_SPAN + WINDOW);
/** Samples in a series: from the oldest quiet baseline to the end of the candidate window. */
export const SERIES_LENGTH = SOAK + WINDOW - FIRST_INDEX;
/** The deployment's unix time; a multiple of the step, as Prometheus range queries align them. */
export const DEPLOYED_AT = 1_699_999_980;

/** Unix time of the sample at `index` (relative to the deployment). */
export function timeAt(index: number): number {
  return DEPLOYED_AT + index * STEP_SECONDS;
}

/**
 * Cuts the detector's input out of one continuous series (values[j] is the sample at FIRST_INDEX + j; NaN marks a
 * missing sample, which is left out as a range query would leave it out).
 */
export function cutWindows(values: number[]): DetectorInput {
  const pairAt = (deployedAt: number): QuietPair => ({
    baseline: cut(values, deployedAt - WINDOW),
    candidate: cut(values, deployedAt + SOAK),
  });
  const history = Array.from({ length: HISTORY_PAIRS }, (_, k) => pairAt(-PAIR_SPAN * (HISTORY_PAIRS - k)));
  return { ...pairAt(0), history, stepSeconds: STEP_SECONDS, windowSeconds: WINDOW * STEP_SECONDS };
}

function cut(values: number[], start: number): SeriesSamples {
  const samples: SeriesSamples = { timestamps: [], values: [] };
  for (let index = start; index < start + WINDOW; index++) {
    const value = values[index - FIRST_INDEX]!;
    if (Number.isNaN(value)) continue;
    samples.timestamps.push(timeAt(index));
    samples.values.push(value);
  }
  return samples;
}
