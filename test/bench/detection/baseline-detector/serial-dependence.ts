import type { SeriesSamples } from "../../../../src/analysis/time-window.js";
import { rankAutocorrelation } from "./rank-autocorrelation.js";

/** How far neighbouring samples repeat each other, and what that does to the variance of a window statistic. */
export interface SerialDependence {
  /** Lag-1 autocorrelation of the samples' within-window ranks, bias-corrected, clamped to [0, MAX_RHO]. */
  rho: number;
  /** Variance inflation ≥ 1: n dependent samples inform like n / inflation independent ones. */
  inflation: number;
}

// Beyond this a window carries almost no independent information; capping keeps the correction finite.
const MAX_RHO = 0.95;
/**
 * The summed-autocorrelation estimate is unbiased for slowly decaying correlation but noisy on short windows;
 * this margin keeps its low draws from making the test overconfident (tuned with `npm run bench:detection`).
 */
const SEQUENCE_MARGIN = 1.5;

/**
 * Estimates serial dependence from windows of one metric (the compared pair and any quiet history pairs).
 *
 * Prometheus range queries are far from independent: `rate(x[5m])` sampled every 30 s shares 9/10 of its data
 * with the next sample. Treating 60 such samples as 60 independent ones makes any test overconfident, so the
 * detector inflates its variance by the integrated autocorrelation time τ = 1 + 2 Σ ρₖ. Two estimates of τ:
 * - AR(1) from lag 1: (1 + ρ) / (1 − ρ), ρ corrected for its short-window bias of about (1 + 4ρ) / n
 *   (Marriott & Pope, 1954). Right for AR(1)-like gauges, but about twice too cautious for a moving average
 *   such as rate(), whose correlation falls off in a straight line;
 * - the summed sample autocorrelations up to the first non-positive pair of lags (Geyer's initial positive
 *   sequence), corrected for the per-window de-meaning that pulls every ρₖ down by about τ / n;
 * and the inflation is the smaller of the first and SEQUENCE_MARGIN × the second.
 */
export function serialDependence(windows: SeriesSamples[], stepSeconds?: number): SerialDependence {
  const shortest = Math.min(...windows.map((w) => w.values.length).filter((n) => n >= 3));
  const acf = rankAutocorrelation(windows, stepSeconds, Number.isFinite(shortest) ? Math.floor(shortest / 3) : 1);
  const raw = acf.rho[1];
  if (raw === null || raw === undefined || acf.pairs === 0) return { rho: 0, inflation: 1 };
  const { n } = acf;
  const corrected = n > 4 ? (raw + 1 / n) / (1 - 4 / n) : raw;
  const rho = Math.min(MAX_RHO, Math.max(0, corrected));
  const ar1 = (1 + rho) / (1 - rho);
  return { rho, inflation: Math.max(1, Math.min(ar1, SEQUENCE_MARGIN * sequenceTau(acf.rho, n))) };
}

/** τ from the initial positive sequence of lag pairs, with the de-meaning bias solved out. */
function sequenceTau(rho: Array<number | null>, n: number): number {
  let sum = 0;
  let lags = 0;
  for (let k = 1; k + 1 < rho.length; k += 2) {
    const a = rho[k];
    const b = rho[k + 1];
    if (a === null || a === undefined || b === null || b === undefined || a + b <= 0) break;
    sum += a + b;
    lags += 2;
  }
  // ρ̂ₖ ≈ (ρₖ − τ/n) / (1 − τ/n) summed over `lags` lags and solved for τ = 1 + 2 Σ ρₖ.
  const denominator = 1 + (2 * (sum - lags)) / n;
  return denominator > 0.05 ? (1 + 2 * sum) / denominator : Infinity;
}
