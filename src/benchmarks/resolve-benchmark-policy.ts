import type { Threshold } from "../analysis/verdict.js";
import type { BenchmarksConfig } from "../config/schema/kaizen-config.js";

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

/**
 * `*` matches any run of characters (slashes included: benchmark names are not paths); the rest is literal.
 * Names come from fork pull requests, so no regular expression: a pattern like `Benchmark*_*_*_*Parse` against a
 * long crafted name backtracks polynomially. Matching the literal pieces leftmost, in order, is enough for a
 * `*`-only glob (a piece found further left never rules out a later match) and costs one scan per piece.
 */
export function globMatches(pattern: string, name: string): boolean {
  const pieces = pattern.split("*");
  const first = pieces[0]!;
  if (pieces.length === 1) return name === first;
  const last = pieces[pieces.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = name.indexOf(piece, at);
    if (found === -1 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
