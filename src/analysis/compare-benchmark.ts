import { compareToHistory } from "./compare-to-history.js";
import { detectChange } from "./detect-change.js";
import type { MetricPolicy, MetricVerdict } from "./verdict.js";

/** One side of a benchmark comparison: the tool's central value and its samples when it kept them. */
export interface BenchmarkSide {
  value: number;
  samples: number[] | null;
}

/** Samples each side needs before the detector is used; fewer and the runs are judged by their single values. */
export const MIN_BENCHMARK_SAMPLES = 3;

/**
 * One benchmark measure, head against baseline. With samples on both sides, the same detector as deployments
 * (the samples as a series in run order, so iterations that drift together count as less evidence); otherwise
 * the single values against the base branch's run-to-run noise (compareToHistory).
 */
export function compareBenchmark(
  input: { baseline: BenchmarkSide; head: BenchmarkSide; history: number[]; branch: string },
  policy: Pick<MetricPolicy, "better" | "threshold" | "alpha">,
): MetricVerdict {
  const before = input.baseline.samples ?? [];
  const after = input.head.samples ?? [];
  if (before.length >= MIN_BENCHMARK_SAMPLES && after.length >= MIN_BENCHMARK_SAMPLES) {
    const series = (values: number[]) => ({ timestamps: values.map((_, i) => i), values });
    return detectChange(
      { baseline: series(before), candidate: series(after) },
      { ...policy, minSamples: MIN_BENCHMARK_SAMPLES },
    );
  }
  return compareToHistory(
    { baseline: input.baseline.value, head: input.head.value, history: input.history, branch: input.branch },
    policy,
  );
}
