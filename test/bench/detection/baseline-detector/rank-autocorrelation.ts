import type { SeriesSamples } from "../../../../src/analysis/time-window.js";

/** Pooled autocorrelations of within-window ranks at lags 0 … maxLag (index = lag; [0] is 1). */
export interface RankAutocorrelation {
  /** null at a lag where no two samples were that far apart; never for lag 1 when `pairs` > 0. */
  rho: Array<number | null>;
  /** Mean number of samples per window used. */
  n: number;
  /** Pairs found at lag 1 (0: nothing was adjacent, the estimate is empty). */
  pairs: number;
}

/**
 * Autocorrelation of each window's ranks (within the window, so a level shift between windows is not mistaken
 * for dependence, and one spike cannot dominate), pooled over the windows. Only samples exactly k steps apart
 * pair at lag k, so a gap never pairs distant samples; the sum over the pairs found is scaled to the pairs a
 * gap-free window would have had, so missing samples do not drag the estimate toward 0.
 */
export function rankAutocorrelation(windows: SeriesSamples[], stepSeconds: number | undefined, maxLag: number): RankAutocorrelation {
  const products = new Float64Array(maxLag + 1);
  const found = new Float64Array(maxLag + 1);
  const possible = new Float64Array(maxLag + 1);
  let squares = 0;
  let samples = 0;
  let used = 0;
  for (const window of windows) {
    const n = window.values.length;
    if (n < 3) continue;
    const ranks = withinRanks(window.values);
    const centre = (n + 1) / 2;
    for (let i = 0; i < n; i++) squares += (ranks[i]! - centre) ** 2;
    for (let k = 1; k <= maxLag; k++) {
      possible[k] = possible[k]! + Math.max(0, n - k);
      for (let i = k; i < n; i++) {
        if (!apart(window.timestamps[i - k], window.timestamps[i], k, stepSeconds)) continue;
        products[k] = products[k]! + (ranks[i - k]! - centre) * (ranks[i]! - centre);
        found[k] = found[k]! + 1;
      }
    }
    samples += n;
    used++;
  }
  const rho: Array<number | null> = [1];
  for (let k = 1; k <= maxLag; k++) {
    rho.push(found[k]! > 0 && squares > 0 ? (products[k]! / squares) * (possible[k]! / found[k]!) : null);
  }
  return { rho, n: used > 0 ? samples / used : 0, pairs: found[1] ?? 0 };
}

/** Whether two samples are k steps apart (any two consecutive samples are, when the step is unknown). */
function apart(before: number | undefined, after: number | undefined, k: number, step: number | undefined): boolean {
  if (step === undefined || before === undefined || after === undefined) return true;
  return Math.abs(after - before - k * step) <= step / 2;
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
