import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchmarkFormatSetting, ParsedBenchmarkFile } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";

export const FIXTURES = "test/fixtures/benchmarks";

export const readFixture = (path: string): string => readFileSync(join(process.cwd(), FIXTURES, path), "utf8");

/** Parses a fixture under the name an artifact would give it (its path inside the fixtures folder). */
export const parseFixture = (path: string, format: BenchmarkFormatSetting = "auto"): ParsedBenchmarkFile =>
  parseBenchmarkFile(path, readFixture(path), format);

/** The measurement of one benchmark and measure, or a failed expectation naming what the file did have. */
export function measurementOf(parsed: ParsedBenchmarkFile, benchmark: string, measure: string) {
  const found = parsed.measurements.find((m) => m.benchmark === benchmark && m.measure === measure);
  if (!found) {
    const had = parsed.measurements.map((m) => `${m.benchmark} / ${m.measure}`);
    throw new Error(`no ${benchmark} / ${measure} in ${parsed.file}; it has: ${had.join(", ")}`);
  }
  return found;
}
