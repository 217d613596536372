import { BenchmarkParseError } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { measurementOf, parseFixture } from "./parse-fixture.js";

describe("pytest-benchmark --benchmark-json", () => {
  it("reads one time per test by its full name, the median as value and the saved rounds as samples", () => {
    const parsed = parseFixture("pytest-benchmark/pytest-benchmark.json", "pytest-benchmark");

    expect(parsed.measurements.map((m) => [m.benchmark, m.measure, m.unit, m.better, m.samples?.length])).toEqual([
      ["test_work.py::test_fib", "time", "s", "lower", 76],
      ["test_work.py::test_sort", "time", "s", "lower", 134],
    ]);
    expect(measurementOf(parsed, "test_work.py::test_fib", "time").value).toBe(2.5533000098221237e-5);
    expect(measurementOf(parsed, "test_work.py::test_sort", "time").value).toBe(1.904050031953375e-5);
  });

  it("has no samples without --benchmark-save-data", () => {
    const text = '{"machine_info": {}, "benchmarks": [{"name": "test_a", "stats": {"mean": 2, "median": 1.5}}]}';

    expect(parseBenchmarkFile("p.json", text, "auto").measurements).toEqual([
      { benchmark: "test_a", measure: "time", unit: "s", better: "lower", value: 1.5, samples: null },
    ]);
  });

  it("reports a benchmark without stats on the line of its entry", () => {
    const text = '{\n"benchmarks": [\n  {"name": "test_a", "stats": {"median": 1}},\n  {"name": "test_b"}\n]}';

    expect(() => parseBenchmarkFile("p.json", text, "pytest-benchmark")).toThrow(
      new BenchmarkParseError("p.json", 4, 'not valid pytest-benchmark output: test_b has no "stats" (pytest-benchmark\'s timings)'),
    );
  });
});

describe("pytest-benchmark with a malformed sample", () => {
  const parsed = parseFixture("pytest-benchmark/malformed-sample.json");

  it("keeps the file, compares that test by its median, and notes the samples it could not use", () => {
    expect(parsed.measurements.map((m) => [m.benchmark, m.value, m.samples?.length ?? null])).toEqual([
      ["test_work.py::test_fib", 2.5533000098221237e-05, null],
      ["test_work.py::test_sort", expect.any(Number), expect.any(Number)],
    ]);
    expect(parsed.notes).toEqual([
      {
        line: expect.any(Number),
        reason: "test_work.py::test_fib: samples not used (benchmarks[0].stats.data[3] should be a number); compared by its median",
      },
    ]);
  });
});
