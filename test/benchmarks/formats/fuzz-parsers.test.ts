import fc from "fast-check";
import { BenchmarkParseError, type BenchmarkFormat } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";

// Property-based fuzzing of the parsers of fork-controlled files: whatever the text, a parser answers with
// measurements or a BenchmarkParseError (shown to the user), never another exception, and within time bounds.
const FORMATS: Array<BenchmarkFormat | "auto"> = ["auto", "go", "github-action-benchmark", "bencher", "hyperfine", "k6", "pytest-benchmark", "google-benchmark"];
const SEED = 20_261_205;

function parsesOrExplains(text: string, format: BenchmarkFormat | "auto"): void {
  try {
    const parsed = parseBenchmarkFile("fuzz.txt", text, format);
    for (const m of parsed.measurements) {
      expect(typeof m.benchmark).toBe("string");
      expect(typeof m.value).toBe("number");
    }
  } catch (error) {
    if (!(error instanceof BenchmarkParseError)) throw error;
    expect(error.reason.length).toBeGreaterThan(0);
  }
}

/** Go-ish lines: the tokens the parser looks for, in any order and spacing. */
const goLine = fc
  .array(fc.oneof(fc.constantFrom("Benchmark", "BenchmarkX-8", "pkg:", "ns/op", "B/op", "MB/s", "1000", "-1", "NaN", "1e309", "\t", "  ", "ok", "--- BENCH:"), fc.string({ maxLength: 8 })), { maxLength: 8 })
  .map((tokens) => tokens.join(" "));

/** JSON values shaped like the formats' documents, with every field's type free to be wrong. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(null, true, 0, -1, 1.5, 1e308, "", "ms", "ns/op", "name"),
    fc.string({ maxLength: 12 }),
    fc.double(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("name", "unit", "value", "results", "benchmarks", "stats", "times", "mean", "metrics", "command", "latency", "real_time", "time_unit", "context", "run_type"), tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("benchmark format parsers under fuzzing", () => {
  it("read Go-like text to measurements or a BenchmarkParseError", () => {
    fc.assert(
      fc.property(fc.array(goLine, { maxLength: 30 }), fc.constantFrom<BenchmarkFormat | "auto">("auto", "go"), (lines, format) => parsesOrExplains(lines.join("\n"), format)),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("read JSON of any shape, in every format, to measurements or a BenchmarkParseError", () => {
    fc.assert(
      fc.property(jsonish, fc.constantFrom(...FORMATS), (value, format) => parsesOrExplains(JSON.stringify(value) ?? "null", format)),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("read arbitrary text, control characters and all, to measurements or a BenchmarkParseError", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom(...FORMATS), parsesOrExplains), { seed: SEED, numRuns: 300 });
  });

  it("take time linear in the input: 4× the lines of any generated file cost well under 10× the time", () => {
    fc.assert(
      fc.property(fc.array(goLine, { minLength: 1, maxLength: 5 }), (lines) => {
        const file = (copies: number) => Array.from({ length: copies }, (_, i) => lines.map((line) => line.replace("BenchmarkX", `BenchmarkX${i % 50}`)).join("\n")).join("\n");
        const small = file(5_000);
        const large = file(20_000);
        const time = (text: string) => {
          let best = Infinity;
          for (let i = 0; i < 3; i++) {
            const start = performance.now();
            parsesOrExplains(text, "auto");
            best = Math.min(best, performance.now() - start);
          }
          return best;
        };
        time(small);
        // A floor of 10 ms keeps a pause of the collector from reading as superlinear growth on tiny inputs.
        expect(time(large)).toBeLessThan(10 * Math.max(time(small), 10));
      }),
      { seed: SEED, numRuns: 6 },
    );
  });
});
