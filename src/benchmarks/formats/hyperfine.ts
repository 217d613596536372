import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { isObject, listAt, numberField, objectAt, optionalNumber, optionalSamples, stringField } from "./json-shape.js";

/** `hyperfine --export-json`: an object with a `results` list whose entries have a `command` and a `mean`. */
export function looksLikeHyperfine(value: unknown): boolean {
  if (!isObject(value) || !Array.isArray(value.results)) return false;
  const first: unknown = value.results[0];
  return value.results.length === 0 || (isObject(first) && "command" in first);
}

/**
 * hyperfine --export-json: `results[]` of `{command, mean, stddev, median, user, system, min, max, times[]}`, all
 * in seconds. One measurement per command: benchmark = `command` (hyperfine writes the `--command-name` there
 * when one is given, and the substituted command for `--parameter-scan`), measure `time`, unit `s`, better lower.
 * value = `median` (what a noisy CI runner disturbs least; older hyperfine versions lack it), else
 * `mean`; samples = `times`, every timed run. `user`/`system`, `min`/`max` and `exit_codes` are not read.
 */
export function parseHyperfine(value: unknown): BenchmarkMeasurement[] {
  const results = listAt(objectAt(value, []).results, ["results"]);
  return results.map((raw, index) => {
    const path = ["results", index];
    const result = objectAt(raw, path);
    const command = stringField(result, "command", path, "the command hyperfine timed");
    const mean = numberField(result, "mean", path, "hyperfine's mean run time in seconds");
    return {
      benchmark: command,
      measure: "time",
      unit: "s",
      better: "lower",
      value: optionalNumber(result, "median", path) ?? mean,
      samples: optionalSamples(result, "times", path),
    };
  });
}
