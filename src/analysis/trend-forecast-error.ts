import { median } from "simple-statistics";
import type { SeriesSamples } from "./time-window.js";

/**
 * How far the candidate window's median lies from the baseline window's straight-line trend carried forward to the
 * candidate's middle: what a series that drifts smoothly (a daily ramp, a slow wave) did beyond its own trend.
 * Least squares on the baseline's finite samples; null with fewer than 3 of them or no finite candidate sample.
 */
export function trendForecastError(baseline: SeriesSamples, candidate: SeriesSamples): number | null {
  const points = baseline.timestamps.map((t, i) => [t, baseline.values[i]!] as const).filter(([, v]) => Number.isFinite(v));
  const later = candidate.timestamps.map((t, i) => [t, candidate.values[i]!] as const).filter(([, v]) => Number.isFinite(v));
  if (points.length < 3 || later.length === 0) return null;
  const meanT = points.reduce((sum, [t]) => sum + t, 0) / points.length;
  const meanV = points.reduce((sum, [, v]) => sum + v, 0) / points.length;
  let covariance = 0;
  let spread = 0;
  for (const [t, v] of points) {
    covariance += (t - meanT) * (v - meanV);
    spread += (t - meanT) ** 2;
  }
  const slope = spread === 0 ? 0 : covariance / spread;
  const middle = median(later.map(([t]) => t));
  return median(later.map(([, v]) => v)) - (meanV + slope * (middle - meanT));
}
