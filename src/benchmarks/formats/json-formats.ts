import type { BenchmarkFormat, BenchmarkMeasurement } from "../benchmark-result.js";
import type { JsonNote } from "./json-shape.js";
import { looksLikeBencher, parseBencher } from "./bencher.js";
import { looksLikeGithubActionBenchmark, parseGithubActionBenchmark } from "./github-action-benchmark.js";
import { looksLikeGoogleBenchmark, parseGoogleBenchmark } from "./google-benchmark.js";
import { looksLikeHyperfine, parseHyperfine } from "./hyperfine.js";
import { looksLikeK6, parseK6 } from "./k6.js";
import { looksLikePytestBenchmark, parsePytestBenchmark } from "./pytest-benchmark.js";

/** A JSON result format: how to recognise a parsed file, how to read it, and what it looks like (for errors). */
export interface JsonFormat {
  format: Exclude<BenchmarkFormat, "go">;
  looksLike(value: unknown): boolean;
  /** Entries it passes over or reads in part go to `notes`, so the report can say so. */
  parse(value: unknown, file: string, notes: JsonNote[]): BenchmarkMeasurement[];
  shape: string;
}

/**
 * In detection order: the most specific shapes first. Google Benchmark and pytest-benchmark both have a
 * `benchmarks` list (Google's beside a `context`); Bencher's "any object of objects with a `value`" comes last.
 */
export const JSON_FORMATS: readonly JsonFormat[] = [
  {
    format: "google-benchmark",
    looksLike: looksLikeGoogleBenchmark,
    parse: parseGoogleBenchmark,
    shape: "an object with `context` and a `benchmarks` list",
  },
  {
    format: "pytest-benchmark",
    looksLike: looksLikePytestBenchmark,
    parse: parsePytestBenchmark,
    shape: "an object with a `benchmarks` list of entries with `stats`",
  },
  {
    format: "hyperfine",
    looksLike: looksLikeHyperfine,
    parse: parseHyperfine,
    shape: "an object with a `results` list of entries with a `command`",
  },
  {
    format: "k6",
    looksLike: looksLikeK6,
    parse: parseK6,
    shape: "an object with `metrics` (k6 --summary-export or handleSummary data)",
  },
  {
    format: "github-action-benchmark",
    looksLike: looksLikeGithubActionBenchmark,
    parse: parseGithubActionBenchmark,
    shape: "a list of `{name, unit, value}` entries",
  },
  {
    format: "bencher",
    looksLike: looksLikeBencher,
    parse: parseBencher,
    shape: "an object of benchmarks, each an object of measures with a `value`",
  },
];
