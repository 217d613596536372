/** The result file formats Kaizen reads; `benchmarks.format` names one or leaves it to detection. */
export type BenchmarkFormat =
  | "github-action-benchmark"
  | "bencher"
  | "hyperfine"
  | "k6"
  | "go"
  | "pytest-benchmark"
  | "google-benchmark";

/**
 * How much one result file may hold. Files come from fork pull requests too, so bytes alone are not a bound:
 * 5 MiB of short unique names is 200 000 benchmarks, each an object, a map entry and a report row. These leave
 * large suites ample room (a Go monorepo's `./...` run has a few thousand) and keep one job's memory small.
 * Going over one is a BenchmarkParseError naming the limit, never a crash.
 */
export const RESULT_LIMITS = {
  /** Characters in a benchmark or measure name (refused, not truncated: cutting could merge two names). */
  nameChars: 300,
  /** Distinct benchmarks in one file. */
  benchmarks: 5_000,
  /** Measurements (benchmark × measure) in one file, and kept from one artifact. */
  measurements: 20_000,
  /** Samples of one measurement (`-count N` lines, hyperfine runs...); more are left out of the samples. */
  samples: 10_000,
} as const;

/** One measure of one benchmark in one result file, in the format's own unit. */
export interface BenchmarkMeasurement {
  /** The benchmark's name as the file writes it (Go's `BenchmarkParse-8` keeps its suffix). */
  benchmark: string;
  /** What was measured, like `time`, `ns/op`, `B/op`, `http_req_duration p(95)`. */
  measure: string;
  /** Unit shown in reports, like `ns`, `s`, `ops/s`, `B`. */
  unit: string;
  /** Which direction is an improvement, when the format says; null leaves it to config (default lower). */
  better: "lower" | "higher" | null;
  /** The central value the tool reports (its mean or median; see each parser). */
  value: number;
  /** Every individual sample, when the format keeps them (hyperfine `times`, Go `-count`, ...); else null. */
  samples: number[] | null;
}

/**
 * What `benchmarks.format` accepts: a format, "auto" (detect it), or github-action-benchmark's own `tool:` names
 * for its custom JSON, which add the direction its files do not carry.
 */
export type BenchmarkFormatSetting = BenchmarkFormat | "auto" | "customBiggerIsBetter" | "customSmallerIsBetter";

/** Something in a readable file the user should know: an entry passed over (skipped) or read in part. */
export interface BenchmarkFileNote {
  /** 1-based line of the entry, when one is to blame. */
  line: number | null;
  reason: string;
}

/** A parsed result file. */
export interface ParsedBenchmarkFile {
  file: string;
  format: BenchmarkFormat;
  measurements: BenchmarkMeasurement[];
  notes: BenchmarkFileNote[];
}

/** A result file Kaizen could not read: reported to the user with the file, the line and why. */
export class BenchmarkParseError extends Error {
  override name = "BenchmarkParseError";
  constructor(
    readonly file: string,
    /** 1-based line of the problem, when one line is to blame. */
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line === null ? "" : `:${line}`}: ${reason}`);
  }
}
