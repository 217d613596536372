import { BenchmarkParseError, type BenchmarkFormat } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { parseFixture, readFixture } from "./parse-fixture.js";

const FIX = "set `benchmarks.format` in .github/kaizen.yml to the tool that wrote it, or check that the artifact holds the tool's result file";

/** The error parseBenchmarkFile throws, so a test can check its file, line and reason one by one. */
function parseError(text: string, format: BenchmarkFormat | "auto" = "auto"): BenchmarkParseError {
  try {
    parseBenchmarkFile("results/bench.out", text, format);
  } catch (error) {
    if (error instanceof BenchmarkParseError) return error;
    throw error;
  }
  throw new Error("the file was read without an error");
}

describe("parseBenchmarkFile", () => {
  describe("with format auto", () => {
    it.each([
      ["hyperfine/hyperfine.json", "hyperfine"],
      ["go/bench.txt", "go"],
      ["pytest-benchmark/pytest-benchmark.json", "pytest-benchmark"],
      ["google-benchmark/google-benchmark.json", "google-benchmark"],
      ["google-benchmark/single-run.json", "google-benchmark"],
      ["github-action-benchmark/custom-smaller-is-better.json", "github-action-benchmark"],
      ["github-action-benchmark/custom-bigger-is-better.json", "github-action-benchmark"],
      ["github-action-benchmark/custom-smaller-is-better-ns.json", "github-action-benchmark"],
      ["bencher/bmf.json", "bencher"],
      ["k6/summary-export.json", "k6"],
      ["k6/handle-summary.json", "k6"],
    ])("detects %s as %s and reads it as the named format does", (path, format) => {
      const detected = parseFixture(path);

      expect(detected.format).toBe(format);
      expect(detected).toEqual(parseFixture(path, format as BenchmarkFormat));
    });
  });

  it("reads a file that starts with a byte-order mark", () => {
    const parsed = parseBenchmarkFile("bom.json", `\uFEFF${readFixture("bencher/bmf.json")}`, "auto");

    expect(parsed).toEqual({ ...parseFixture("bencher/bmf.json"), file: "bom.json" });
  });

  describe("with a named format the file does not match", () => {
    it("says what the format writes and which format the file looks like", () => {
      const error = parseError(readFixture("hyperfine/hyperfine.json"), "pytest-benchmark");

      expect(error.line).toBeNull();
      expect(error.reason).toBe(
        "`benchmarks.format` is pytest-benchmark, which writes an object with a `benchmarks` list of entries with `stats`, " +
          `but this file is not that; it looks like hyperfine output instead; ${FIX}`,
      );
    });

    it("says a JSON file is not go test text", () => {
      expect(parseError(readFixture("bencher/bmf.json"), "go").reason).toBe(
        `\`benchmarks.format\` is go, which writes \`go test -bench\` text, but this file is JSON (it looks like bencher); ${FIX}`,
      );
    });

    it("says go test text is not the JSON the format writes", () => {
      expect(parseError(readFixture("go/bench.txt"), "k6").reason).toBe(
        `\`benchmarks.format\` is k6, which writes JSON, but this file is not JSON; ${FIX}`,
      );
    });
  });

  describe("with a file it cannot read", () => {
    it.each([
      ["a trailing comma", '{\n  "results": [\n    {"command": "a", "mean": 1},\n  ]\n}', 4, "invalid JSON at line 4, column 3: value expected"],
      ["a missing colon", '[\n  {"name": "a",\n   "value" 1}\n]', 3, "invalid JSON at line 3, column 12: colon expected"],
      ["a bare word", '{\n "metrics":\n  tru}', 3, "invalid JSON at line 3, column 3: invalid symbol"],
      ["a file cut short", '{\n "results": [\n  {"command": "a",', 3, "invalid JSON at line 3, column 19: the file ends before the JSON does (was it cut short?)"],
    ])("reports invalid JSON with %s at its line and column", (_case, text, line, reason) => {
      const error = parseError(text);

      expect([error.file, error.line, error.reason]).toEqual(["results/bench.out", line, reason]);
    });

    it("reports valid JSON of no known format, naming the formats tried and the fix", () => {
      const error = parseError('{"version": 2, "items": [1, 2, 3]}');

      expect(error.line).toBeNull();
      expect(error.reason).toBe(
        "not a benchmark result Kaizen can read: this JSON has the shape of none of google-benchmark, pytest-benchmark, " +
          `hyperfine, k6, github-action-benchmark, bencher; ${FIX}`,
      );
    });

    it("reports text that is neither JSON nor go test output", () => {
      expect(parseError("All 12 tests passed.\nDone in 3.2s\n").reason).toBe(
        "not a benchmark result Kaizen can read: it is not JSON (google-benchmark, pytest-benchmark, hyperfine, k6, " +
          `github-action-benchmark, bencher), nor \`go test -bench\` output; ${FIX}`,
      );
    });

    it("reports a malformed Benchmark line of go test output with its line number", () => {
      const text = `${readFixture("go/bench.txt").split("\n").slice(0, 6).join("\n")}\nBenchmarkBroken-2 \t 25833 \t 7799 ns/op \t 0\n`;
      const error = parseError(text);

      expect([error.line, error.reason]).toEqual([
        7,
        "malformed `go test -bench` line: after the iteration count it should have value-unit pairs, like `1234 ns/op  56 B/op`",
      ]);
    });

    it("reports a missing required field on the line of the entry that lacks it", () => {
      const text = readFixture("hyperfine/hyperfine.json").replace('"mean": 0.032247304399999996,', "");
      const error = parseError(text);

      const commandLine = text.split("\n").findIndex((line) => line.includes("seq 1 20000")) + 1;

      // The entry's `{` opens on the line above its command.
      expect(error.line).toBe(commandLine - 1);
      expect(error.reason).toBe('not valid hyperfine output: results[1] has no "mean" (hyperfine\'s mean run time in seconds)');
    });

    it.each([
      ["an empty file", ""],
      ["a file of blank lines", "\n  \n\t\n"],
    ])("reports %s", (_case, text) => {
      const error = parseError(text);

      expect([error.line, error.reason]).toEqual([null, "the file is empty: the benchmark step wrote nothing to it"]);
    });

    it("reports binary garbage, with the line where it starts", () => {
      const garbage = String.fromCharCode(...Array.from({ length: 64 }, (_, index) => (index * 37) % 256));
      const error = parseError(`[{"name": "a",\n"value": 1}]\n${garbage}`);

      expect([error.line, error.reason]).toEqual([
        3,
        "the file is binary, not a benchmark result: check that the artifact holds the tool's result file",
      ]);
    });

    it("reports a file with no results", () => {
      expect(parseError('{"results": []}').reason).toBe("no benchmark results in this hyperfine file: did the benchmarks run?");
    });

    it("reports a benchmark and measure that appear twice, which no comparison could tell apart", () => {
      expect(parseError('[{"name": "a", "unit": "ms", "value": 1}, {"name": "a", "unit": "ms", "value": 2}]').reason).toBe(
        '"a" (ms) appears twice: Kaizen cannot tell which result to compare; give each benchmark its own name',
      );
    });
  });
});
