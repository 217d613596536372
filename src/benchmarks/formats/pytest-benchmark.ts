import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { isObject, type JsonNote, JsonShapeError, listAt, numberField, objectAt, optionalSamples, stringField } from "./json-shape.js";

/** pytest-benchmark's `--benchmark-json`: `benchmarks[]` whose entries carry `stats` and a `fullname`. */
export function looksLikePytestBenchmark(value: unknown): boolean {
  if (!isObject(value) || !Array.isArray(value.benchmarks)) return false;
  return "machine_info" in value || value.benchmarks.some((entry) => isObject(entry) && "stats" in entry);
}

/**
 * pytest-benchmark `--benchmark-json`: `benchmarks[]` of `{name, fullname, params, stats{min, max, mean, stddev,
 * median, rounds, iterations, ops, data?}}`, times in seconds per call. benchmark = `fullname`
 * (`test_file.py::test_name[param]`, unique where `name` repeats across files), else `name`; measure `time`,
 * unit `s`, better lower; value = `stats.median` (robust to the GC pauses and outlier rounds the tool itself
 * flags); samples = `stats.data`, one time per round, written only with `--benchmark-save-data`. `ops` is the
 * inverse of the mean and is not read, nor are the other stats. The samples are optional and the summary is
 * what the comparison needs: a `stats.data` with a value that is not a number drops the samples of that test
 * only (compared by its median against history instead), with a note; the file is still read.
 */
export function parsePytestBenchmark(value: unknown, _file = "", notes: JsonNote[] = []): BenchmarkMeasurement[] {
  const benchmarks = listAt(objectAt(value, []).benchmarks, ["benchmarks"]);
  return benchmarks.map((raw, index) => {
    const path = ["benchmarks", index];
    const entry = objectAt(raw, path);
    const name =
      typeof entry.fullname === "string" && entry.fullname !== ""
        ? entry.fullname
        : stringField(entry, "name", path, "the test's name");
    const statsPath = [...path, "stats"];
    if (entry.stats === undefined) {
      throw new JsonShapeError(path, `${name} has no "stats" (pytest-benchmark's timings)`);
    }
    const stats = objectAt(entry.stats, statsPath);
    return {
      benchmark: name,
      measure: "time",
      unit: "s",
      better: "lower",
      value: numberField(stats, "median", statsPath, "the median time per call in seconds"),
      samples: samplesOrNote(stats, statsPath, name, notes),
    };
  });
}

function samplesOrNote(stats: Record<string, unknown>, path: Array<string | number>, name: string, notes: JsonNote[]): number[] | null {
  try {
    return optionalSamples(stats, "data", path);
  } catch (error) {
    if (!(error instanceof JsonShapeError)) throw error;
    notes.push({ path: error.path, reason: `${name}: samples not used (${error.reason}); compared by its median` });
    return null;
  }
}
