import type { MetricPolicy } from "./verdict.js";

/**
 * Whether `value` is no worse than `level` by more than the metric's threshold; being better than `level`
 * always counts as within. Used to decide that a metric has recovered to its earlier level.
 * With a relative threshold and a level of 0 any worsening is beyond the threshold: unlike compareWindows, which
 * measures a move near 0 against the samples' scale, there are only two numbers here.
 * Non-finite inputs are never within: an unreadable value is no evidence of recovery.
 */
export function isWithinThreshold(
  level: number,
  value: number,
  policy: Pick<MetricPolicy, "better" | "threshold">,
): boolean {
  if (!Number.isFinite(level) || !Number.isFinite(value)) return false;
  const worsening = policy.better === "lower" ? value - level : level - value;
  if (worsening <= 0) return true;
  if (policy.threshold.kind === "absolute") return worsening <= policy.threshold.value;
  return level !== 0 && worsening / Math.abs(level) <= policy.threshold.value;
}
