import type { SeriesSamples } from "../sources/metrics-source.js";

/** How far neighbouring samples repeat each other, and what that does to the variance of a window statistic. */
export interface SerialDependence {
  /** Lag-1 autocorrelation of the samples' within-window ranks, bias-corrected, clamped to [0, MAX_RHO]. */
  rho: number;
  /** Variance inflation (1 + ρ) / (1 − ρ) of an AR(1) process: n dependent samples inform like n / inflation. */
  inflation: number;
}

// Beyond this a window carries almost no independent information; capping keeps the correction finite.
const MAX_RHO = 0.95;

/**
 * Estimates serial dependence from windows of one metric (the compared pair and any quiet history pairs).
 *
 * Prometheus range queries are far from independent: `rate(x[5m])` sampled every 30 s shares 9/10 of its data
 * with the next sample. Treating 60 such samples as 60 independent ones makes any rank test overconfident, so
 * the detector divides its standard score by √inflation. Ranks (within each window, so a level shift between
 * windows is not mistaken for dependence) keep one spike from dominating. Only pairs one step apart count,
 * so a gap does not pair samples far apart. The lag-1 estimate of a short series is biased low by about
 * (1 + 4ρ) / n (Marriott & Pope, 1954); that bias is removed before use.
 */
export function serialDependence(windows: SeriesSamples[], stepSeconds?: number): SerialDependence {
  let products = 0;
  let squares = 0;
  let samples = 0;
  let used = 0;
  for (const window of windows) {
    const n = window.values.length;
    if (n < 3) continue;
    const ranks = withinRanks(window.values);
    const centre = (n + 1) / 2;
    for (let i = 0; i < n; i++) squares += (ranks[i]! - centre) ** 2;
    for (let i = 1; i < n; i++) {
      if (!adjacent(window.timestamps[i - 1], window.timestamps[i], stepSeconds)) continue;
      products += (ranks[i - 1]! - centre) * (ranks[i]! - centre);
    }
    samples += n;
    used++;
  }
  if (used === 0 || squares === 0) return { rho: 0, inflation: 1 };
  const raw = products / squares;
  const n = samples / used;
  const corrected = n > 4 ? (raw + 1 / n) / (1 - 4 / n) : raw;
  const rho = Math.min(MAX_RHO, Math.max(0, corrected));
  return { rho, inflation: (1 + rho) / (1 - rho) };
}

function adjacent(before: number | undefined, after: number | undefined, step: number | undefined): boolean {
  if (step === undefined || before === undefined || after === undefined) return true;
  return after - before <= step * 1.5;
}

/** Mid-ranks 1 … n of `values` (ties share their mean rank). */
function withinRanks(values: number[]): Float64Array {
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Float64Array(values.length);
  for (let start = 0; start < order.length; ) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + end + 1) / 2;
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}
