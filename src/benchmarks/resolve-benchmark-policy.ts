import type { Threshold } from "../analysis/verdict.js";
import type { BenchmarksConfig } from "../config/kaizen-config.js";

/** How one benchmark measure is judged: its direction and the smallest change that matters. */
export interface BenchmarkPolicy {
  better: "lower" | "higher";
  threshold: Threshold;
  /** Where the direction came from, shown in the report so a wrong direction is easy to trace. */
  betterFrom: "config" | "format" | "default";
}

/**
 * The policy for one (benchmark, measure). Direction: an override → what the result format says → lower
 * (most benchmarks measure time). Threshold: an override → `benchmarks.threshold`. Every matching override
 * applies in file order, a later one winning per field, so general patterns go first and exceptions after.
 */
export function resolveBenchmarkPolicy(
  config: Pick<BenchmarksConfig, "threshold" | "overrides">,
  result: { benchmark: string; measure: string; better: "lower" | "higher" | null },
): BenchmarkPolicy {
  let policy: BenchmarkPolicy = result.better
    ? { better: result.better, threshold: config.threshold, betterFrom: "format" }
    : { better: "lower", threshold: config.threshold, betterFrom: "default" };
  for (const override of config.overrides) {
    if (!globMatches(override.name, result.benchmark)) continue;
    if (override.measure !== undefined && override.measure !== result.measure) continue;
    if (override.better) policy = { ...policy, better: override.better, betterFrom: "config" };
    if (override.threshold) policy = { ...policy, threshold: override.threshold };
  }
  return policy;
}

/** `*` matches any run of characters (slashes included: benchmark names are not paths); the rest is literal. */
function globMatches(pattern: string, name: string): boolean {
  const source = pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
  return new RegExp(`^${source}$`, "s").test(name);
}
