import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { measurementOf, parseFixture } from "./parse-fixture.js";

describe("Google Benchmark JSON", () => {
  const parsed = parseFixture("google-benchmark/google-benchmark.json", "google-benchmark");

  it("reads the repetitions as samples, in nanoseconds, and the median aggregate as value", () => {
    expect(parsed.measurements.map((m) => [m.benchmark, m.measure, m.unit, m.better, m.samples?.length])).toEqual([
      ["BM_Sort/1024", "real_time", "ns", "lower", 5],
      ["BM_Sort/1024", "cpu_time", "ns", "lower", 5],
      ["BM_Sort/1024", "items_per_second", "items/s", "higher", 5],
      ["BM_Accumulate", "real_time", "ns", "lower", 5],
      ["BM_Accumulate", "cpu_time", "ns", "lower", 5],
    ]);
    expect(measurementOf(parsed, "BM_Sort/1024", "real_time")).toMatchObject({
      value: 7846.9478105677,
      samples: [7846.947810567701, 8812.47312469141, 5038.124451717823, 7985.04490371349, 7481.382722489512],
    });
  });

  it("converts microseconds to nanoseconds", () => {
    const accumulate = measurementOf(parsed, "BM_Accumulate", "cpu_time");

    expect(accumulate.value).toBeCloseTo(3892.62095164, 6);
    expect(accumulate.samples?.[0]).toBeCloseTo(3870.80218500, 6);
  });

  it("reads a run without repetitions as one sample", () => {
    const single = parseFixture("google-benchmark/single-run.json");

    expect(single.format).toBe("google-benchmark");
    expect(measurementOf(single, "fib_20", "real_time")).toMatchObject({ value: 27455.600415007055, samples: [27455.600415007055] });
  });

  it("takes the median aggregate alone when the file holds aggregates only", () => {
    const text = JSON.stringify({
      context: {},
      benchmarks: [
        { name: "BM_A_mean", run_name: "BM_A", run_type: "aggregate", aggregate_name: "mean", real_time: 9, cpu_time: 9, time_unit: "ms" },
        { name: "BM_A_median", run_name: "BM_A", run_type: "aggregate", aggregate_name: "median", real_time: 2, cpu_time: 1, time_unit: "ms" },
      ],
    });

    expect(parseBenchmarkFile("g.json", text, "auto").measurements).toEqual([
      { benchmark: "BM_A", measure: "real_time", unit: "ns", better: "lower", value: 2e6, samples: null },
      { benchmark: "BM_A", measure: "cpu_time", unit: "ns", better: "lower", value: 1e6, samples: null },
    ]);
  });

  it("recognises the aggregates of older files by their name suffix, and skips runs that errored", () => {
    const text = JSON.stringify({
      context: {},
      benchmarks: [
        { name: "BM_B", real_time: 10, cpu_time: 10, time_unit: "ns" },
        { name: "BM_B", real_time: 30, cpu_time: 30, time_unit: "ns" },
        { name: "BM_B_mean", real_time: 20, cpu_time: 20, time_unit: "ns" },
        { name: "BM_B_median", real_time: 25, cpu_time: 25, time_unit: "ns" },
        { name: "BM_B_stddev", real_time: 14, cpu_time: 14, time_unit: "ns" },
        { name: "BM_Broken", error_occurred: true, error_message: "no input" },
      ],
    });

    expect(parseBenchmarkFile("old.json", text, "google-benchmark").measurements).toEqual([
      { benchmark: "BM_B", measure: "real_time", unit: "ns", better: "lower", value: 25, samples: [10, 30] },
      { benchmark: "BM_B", measure: "cpu_time", unit: "ns", better: "lower", value: 25, samples: [10, 30] },
    ]);
  });

  it("reports an unknown time unit on its line", () => {
    const text = '{"context": {},\n"benchmarks": [\n{"name": "BM_A", "real_time": 1, "cpu_time": 1,\n "time_unit": "fortnights"}]}';

    expect(() => parseBenchmarkFile("g.json", text, "auto")).toThrow(
      'g.json:4: not valid google-benchmark output: benchmarks[0].time_unit "fortnights" is not ns, us, ms or s',
    );
  });
});

describe("Google Benchmark skipped and failed runs", () => {
  const parsed = parseFixture("google-benchmark/skipped.json");

  it("records no result for a run with skipped or error_occurred, and notes each with the tool's message", () => {
    expect([...new Set(parsed.measurements.map((m) => m.benchmark))]).toEqual(["fib_10", "fib_20"]);
    expect(parsed.notes.map((n) => n.reason)).toEqual([
      "BM_NeedsGpu was skipped: no GPU on this runner",
      "BM_ReadFile failed and was not measured: cannot open data.bin",
    ]);
    expect(parsed.notes.every((n) => n.line !== null && n.line > 1)).toBe(true);
  });
});
