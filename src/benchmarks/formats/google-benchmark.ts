import { median } from "simple-statistics";
import type { BenchmarkMeasurement } from "../benchmark-result.js";
import { isObject, type JsonNote, listAt, numberField, objectAt, shapeError, stringField } from "./json-shape.js";

/** Google Benchmark `--benchmark_out_format=json`: `{context, benchmarks[]}` with `real_time` in the entries. */
export function looksLikeGoogleBenchmark(value: unknown): boolean {
  return isObject(value) && isObject(value.context) && Array.isArray(value.benchmarks);
}

const TO_NANOSECONDS = new Map([["ns", 1], ["us", 1e3], ["ms", 1e6], ["s", 1e9]]);
/** The fields that are not user counters. */
const RESERVED = new Set(["name", "run_name", "run_type", "family_index", "per_family_instance_index", "repetitions",
  "repetition_index", "threads", "iterations", "real_time", "cpu_time", "time_unit", "aggregate_name",
  "aggregate_unit", "label", "error_occurred", "error_message", "skipped", "skip_message", "big_o", "real_coefficient", "cpu_coefficient", "rms"]);
/** Counters SetItemsProcessed/SetBytesProcessed write, with units; other user counters have no known unit. */
const KNOWN_COUNTERS = new Map([["items_per_second", "items/s"], ["bytes_per_second", "B/s"]]);

interface Run { samples: Map<string, number[]>; medians: Map<string, number> }

/**
 * Google Benchmark JSON: `benchmarks[]` of `{name, run_name, run_type: iteration|aggregate, aggregate_name?,
 * repetitions, iterations, real_time, cpu_time, time_unit, <counters>}`. Entries are grouped by `run_name`
 * (`name` in older files without it, the `_median` suffix dropped): benchmark = `BM_Sort/1024`.
 * Measures `real_time` and `cpu_time`, converted from `time_unit` (ns, us, ms, s) to unit `ns` so one benchmark
 * compares whatever unit its code asks for, better lower; `items_per_second` (items/s) and `bytes_per_second`
 * (B/s), better higher; any other user counter under its own name, unit "" and better null.
 * samples = the `iteration` entries, one per repetition (`--benchmark_repetitions=N`); aggregates are never
 * samples: value = the `median` aggregate when present (the tool's own, robust to a disturbed repetition), else
 * the median of the repetitions. `mean`, `stddev`, `cv` and BigO/RMS aggregates are not read.
 * A run the code skipped (`"skipped": true` from `SkipWithMessage`, v1.8+) or that failed (`"error_occurred": true`
 * from `SkipWithError`) still carries `real_time` and `cpu_time`, of the iterations it never ran: it is no result,
 * and each such entry goes to `notes` with the tool's message.
 */
export function parseGoogleBenchmark(value: unknown, _file = "", notes: JsonNote[] = []): BenchmarkMeasurement[] {
  const runs = new Map<string, Run>();
  listAt(objectAt(value, []).benchmarks, ["benchmarks"]).forEach((raw, index) => {
    const path = ["benchmarks", index];
    const entry = objectAt(raw, path);
    const name = stringField(entry, "name", path, "the benchmark's name");
    const passedOver = skipNote(entry, name);
    if (passedOver !== null) {
      notes.push({ path, reason: passedOver });
      return;
    }
    const aggregate = aggregateName(entry, name);
    if (aggregate !== null && aggregate !== "median") return;
    const runName = typeof entry.run_name === "string" ? entry.run_name : name.replace(/_median$/, "");
    const run = runs.get(runName) ?? { samples: new Map(), medians: new Map() };
    runs.set(runName, run);
    for (const [measure, measured] of readMeasures(entry, path)) {
      if (aggregate === "median") run.medians.set(measure, measured);
      else run.samples.set(measure, [...(run.samples.get(measure) ?? []), measured]);
    }
  });
  return [...runs].flatMap(([benchmark, run]) =>
    [...new Set([...run.samples.keys(), ...run.medians.keys()])].map((measure) => {
      const samples = run.samples.get(measure) ?? null;
      return {
        benchmark,
        measure,
        ...unitOf(measure),
        value: run.medians.get(measure) ?? median(samples ?? []),
        samples,
      };
    }),
  );
}

function skipNote(entry: Record<string, unknown>, name: string): string | null {
  const said = (key: string) => (typeof entry[key] === "string" && entry[key] !== "" ? `: ${entry[key]}` : "");
  if (entry.error_occurred === true) return `${name} failed and was not measured${said("error_message")}`;
  if (entry.skipped === true) return `${name} was skipped${said("skip_message")}`;
  return null;
}

function aggregateName(entry: Record<string, unknown>, name: string): string | null {
  if (entry.run_type === "aggregate") {
    return typeof entry.aggregate_name === "string" ? entry.aggregate_name : "unknown";
  }
  if (entry.run_type === undefined) return /_(mean|median|stddev|cv)$/.exec(name)?.[1] ?? null;
  return null;
}

function readMeasures(entry: Record<string, unknown>, path: Array<string | number>): Array<[string, number]> {
  const unit = typeof entry.time_unit === "string" ? entry.time_unit : "ns";
  const scale = TO_NANOSECONDS.get(unit);
  if (scale === undefined) {
    throw shapeError([...path, "time_unit"], `"${unit}" is not ns, us, ms or s`);
  }
  const times = ["real_time", "cpu_time"].map((key): [string, number] => {
    const time = numberField(entry, key, path, `the ${key.replace("_", " ")} in ${unit}`);
    return [key, time * scale];
  });
  const counters = Object.entries(entry).filter(
    (pair): pair is [string, number] =>
      !RESERVED.has(pair[0]) && typeof pair[1] === "number" && Number.isFinite(pair[1]),
  );
  return [...times, ...counters];
}

function unitOf(measure: string): Pick<BenchmarkMeasurement, "unit" | "better"> {
  if (measure === "real_time" || measure === "cpu_time") return { unit: "ns", better: "lower" };
  const unit = KNOWN_COUNTERS.get(measure);
  return unit === undefined ? { unit: "", better: null } : { unit, better: "higher" };
}
