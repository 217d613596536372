import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { parseFixture } from "./parse-fixture.js";

describe("Bencher Metric Format", () => {
  it("reads every measure of every benchmark, with the units and directions of Bencher's built-in measures", () => {
    const parsed = parseFixture("bencher/bmf.json", "bencher");

    expect(parsed.measurements).toEqual([
      { benchmark: "benchmark_name", measure: "latency", unit: "ns", better: "lower", value: 88, samples: null },
      { benchmark: "benchmark_name", measure: "throughput", unit: "ops/s", better: "higher", value: 5.55, samples: null },
      { benchmark: "/bin/sh -c ./my_build_script.sh", measure: "build-time", unit: "s", better: "lower", value: 87, samples: null },
      { benchmark: "my_binary", measure: "file-size", unit: "B", better: "lower", value: 42, samples: null },
    ]);
  });

  it("leaves a measure of the user's own without unit or direction", () => {
    const parsed = parseBenchmarkFile("b.json", '{"parse": {"instructions": {"value": 1200}}}', "auto");

    expect(parsed.measurements).toEqual([
      { benchmark: "parse", measure: "instructions", unit: "", better: null, value: 1200, samples: null },
    ]);
  });

  it("reports a measure without a value on its line", () => {
    const text = '{\n "a": {\n  "latency": {"value": 1},\n  "throughput": {"lower_value": 2}\n }\n}';

    expect(() => parseBenchmarkFile("b.json", text, "bencher")).toThrow(
      'b.json:4: not valid bencher output: a.throughput has no "value" (the measured value, which BMF requires)',
    );
  });
});
