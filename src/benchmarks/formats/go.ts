import { median } from "simple-statistics";
import { BenchmarkParseError, RESULT_LIMITS, type BenchmarkMeasurement } from "../benchmark-result.js";
import { betterFromUnit } from "./better-from-unit.js";

/** A benchmark line starts with `Benchmark` then an upper-case letter, digit, `_` or the end (Go's own rule). */
const BENCHMARK_NAME = /^Benchmark(?![a-z])\S*/;
const HEADER = /^(goos|goarch|pkg|cpu):/;

/** Go `go test -bench` text: a `Benchmark…` line with fields, or go test's `goos:`/`pkg:` header. */
export function looksLikeGo(text: string): boolean {
  return text.split("\n").some((line) => HEADER.test(line) || /^Benchmark(?![a-z])\S*[ \t]+\S/.test(line));
}

/** Go's standard units, named for reports; custom ReportMetric units keep their own text. */
const STANDARD_UNITS = new Map<string, Pick<BenchmarkMeasurement, "unit" | "better">>([
  ["ns/op", { unit: "ns", better: "lower" }],
  ["B/op", { unit: "B", better: "lower" }],
  ["allocs/op", { unit: "allocs", better: "lower" }],
  ["MB/s", { unit: "MB/s", better: "higher" }],
]);

/**
 * `go test -bench` text output (with `-benchmem`, `-count N`): lines `BenchmarkName-8 <iterations> <value> <unit>
 * [<value> <unit>]...`. benchmark = the name as written (with its `-GOMAXPROCS` suffix); when the file holds
 * several packages (`go test ./...`), `<pkg>/<name>`, from the `pkg:` header, so equal names stay apart.
 * measure = Go's unit as written: `ns/op` (unit ns), `B/op` (B), `allocs/op` (allocs), all better lower; `MB/s`
 * (from b.SetBytes), better higher; b.ReportMetric units as written, better from the unit (see betterFromUnit).
 * samples = one value per line: `-count N` repeats each line N times; value = their median (go test reports no
 * central value; the median is what a disturbed repetition moves least). The iteration count is not read.
 * Ignored: the goos/goarch/pkg/cpu header, PASS/FAIL/ok lines, `--- BENCH:` and log lines, and a bare
 * `BenchmarkName` line (go test prints it before a benchmark's log output). A `Benchmark` line with fields that
 * are not `<iterations> (<value> <unit>)+` is an error, with its line number.
 */
export function parseGo(file: string, text: string): BenchmarkMeasurement[] {
  const runs = new Map<string, { pkg: string; name: string; samples: Map<string, number[]> }>();
  let pkg = "";
  let measurements = 0;
  // A loop, not split().forEach with copies: every step per line is constant-time, so a file of many repeated
  // lines costs what its length does.
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!.trimEnd();
    const header = /^pkg:\s*(\S+)/.exec(line);
    if (header?.[1]) pkg = header[1];
    const name = BENCHMARK_NAME.exec(line)?.[0];
    const fields = name === undefined ? [] : line.slice(name.length).trim().split(/\s+/).filter(Boolean);
    if (name === undefined || fields.length === 0) continue;
    const key = `${pkg} ${name}`;
    let run = runs.get(key);
    if (!run) {
      if (name.length > RESULT_LIMITS.nameChars) throw tooLong(file, index + 1, name, "benchmark name");
      if (runs.size >= RESULT_LIMITS.benchmarks) throw tooMany(file, index + 1, `${RESULT_LIMITS.benchmarks} benchmarks`);
      run = { pkg, name, samples: new Map<string, number[]>() };
      runs.set(key, run);
    }
    for (const [unit, measured] of readFields(file, index + 1, fields)) {
      const samples = run.samples.get(unit);
      if (!samples) {
        if (unit.length > RESULT_LIMITS.nameChars) throw tooLong(file, index + 1, unit, "unit");
        if (++measurements > RESULT_LIMITS.measurements) throw tooMany(file, index + 1, `${RESULT_LIMITS.measurements} measurements`);
        run.samples.set(unit, [measured]);
      }
      else if (samples.length < RESULT_LIMITS.samples) samples.push(measured);
    }
  }
  const packages = new Set([...runs.values()].map((run) => run.pkg));
  return [...runs.values()].flatMap(({ pkg: runPkg, name, samples }) =>
    [...samples].map(([measure, values]) => ({
      benchmark: packages.size > 1 && runPkg !== "" ? `${runPkg}/${name}` : name,
      measure,
      ...(STANDARD_UNITS.get(measure) ?? { unit: measure, better: betterFromUnit(measure) }),
      value: median(values),
      samples: values,
    })),
  );
}

function readFields(file: string, line: number, fields: string[]): Array<[string, number]> {
  const [iterations, ...pairs] = fields;
  if (!/^\d+$/.test(iterations ?? "")) throw malformed(file, line, `"${iterations}" is not an iteration count`);
  if (pairs.length === 0 || pairs.length % 2 !== 0) {
    const why = "after the iteration count it should have value-unit pairs, like `1234 ns/op  56 B/op`";
    throw malformed(file, line, why);
  }
  const measures: Array<[string, number]> = [];
  for (let index = 0; index < pairs.length; index += 2) {
    const value = Number(pairs[index]);
    if (!Number.isFinite(value)) throw malformed(file, line, `"${pairs[index]}" is not a number`);
    measures.push([pairs[index + 1] as string, value]);
  }
  return measures;
}

const malformed = (file: string, line: number, why: string): BenchmarkParseError =>
  new BenchmarkParseError(file, line, `malformed \`go test -bench\` line: ${why}`);

const tooLong = (file: string, line: number, name: string, what: string): BenchmarkParseError =>
  new BenchmarkParseError(
    file,
    line,
    `the ${what} is ${name.length} characters long; Kaizen reads names of up to ${RESULT_LIMITS.nameChars}: shorten it`,
  );

const tooMany = (file: string, line: number, what: string): BenchmarkParseError =>
  new BenchmarkParseError(
    file,
    line,
    `more than ${what} in one file, more than Kaizen reads: split the results into several files or run fewer benchmarks`,
  );
