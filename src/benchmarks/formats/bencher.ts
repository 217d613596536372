import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { isObject, numberField, objectAt } from "./json-shape.js";

/** Bencher Metric Format: `{benchmark: {measure: {value, ...}}}`, every leaf an object with a `value`. */
export function looksLikeBencher(value: unknown): boolean {
  if (!isObject(value)) return false;
  const benchmarks = Object.values(value);
  return (
    benchmarks.length > 0 &&
    benchmarks.every(
      (measures) => isObject(measures) && Object.values(measures).some((m) => isObject(m) && "value" in m),
    )
  );
}

/**
 * Units and directions of Bencher's built-in measures (by slug): Latency in nanoseconds and Throughput in
 * operations per second are in every Bencher project; build-time and file-size come from its build adapters.
 */
const BUILT_IN = new Map<string, Pick<BenchmarkMeasurement, "unit" | "better">>([
  ["latency", { unit: "ns", better: "lower" }],
  ["throughput", { unit: "ops/s", better: "higher" }],
  ["build-time", { unit: "s", better: "lower" }],
  ["file-size", { unit: "B", better: "lower" }],
]);

/**
 * Bencher Metric Format (BMF) JSON: `{benchmarkName: {measureName: {value, lower_value?, upper_value?}}}`.
 * benchmark = the top-level key, measure = the measure's key (a Bencher slug or name), value = `value`; samples
 * null (`lower_value`/`upper_value` are the bounds Bencher draws, not samples, and are not read). unit and better
 * for the built-in measures above; other measures are the user's own: unit "" and better null (config decides).
 */
export function parseBencher(value: unknown): BenchmarkMeasurement[] {
  return Object.entries(objectAt(value, [])).flatMap(([benchmark, rawMeasures]) =>
    Object.entries(objectAt(rawMeasures, [benchmark])).map(([measure, rawMetric]) => {
      const path = [benchmark, measure];
      const metric = objectAt(rawMetric, path);
      return {
        benchmark,
        measure,
        ...(BUILT_IN.get(measure) ?? { unit: "", better: null }),
        value: numberField(metric, "value", path, "the measured value, which BMF requires"),
        samples: null,
      };
    }),
  );
}
