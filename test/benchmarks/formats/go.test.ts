import { BenchmarkParseError } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { measurementOf, parseFixture } from "./parse-fixture.js";

describe("go test -bench", () => {
  const parsed = parseFixture("go/bench.txt", "go");

  it("reads every measure of every benchmark, the -count lines as samples and their median as value", () => {
    expect(parsed.format).toBe("go");
    expect(parsed.measurements.map((m) => [m.benchmark, m.measure, m.unit, m.better, m.samples?.length])).toEqual([
      ["BenchmarkFib-2", "ns/op", "ns", "lower", 5],
      ["BenchmarkFib-2", "B/op", "B", "lower", 5],
      ["BenchmarkFib-2", "allocs/op", "allocs", "lower", 5],
      ["BenchmarkRepeat-2", "ns/op", "ns", "lower", 5],
      ["BenchmarkRepeat-2", "B/op", "B", "lower", 5],
      ["BenchmarkRepeat-2", "allocs/op", "allocs", "lower", 5],
      ["BenchmarkCopy-2", "ns/op", "ns", "lower", 5],
      ["BenchmarkCopy-2", "MB/s", "MB/s", "higher", 5],
      ["BenchmarkCopy-2", "bytes/copy", "bytes/copy", null, 5],
      ["BenchmarkCopy-2", "B/op", "B", "lower", 5],
      ["BenchmarkCopy-2", "allocs/op", "allocs", "lower", 5],
    ]);
    expect(measurementOf(parsed, "BenchmarkFib-2", "ns/op")).toMatchObject({
      value: 7799,
      samples: [7799, 10131, 9941, 5680, 6717],
    });
    expect(measurementOf(parsed, "BenchmarkRepeat-2", "B/op")).toMatchObject({ value: 1472 });
    expect(measurementOf(parsed, "BenchmarkCopy-2", "MB/s").samples).toEqual([23920.39, 24967.93, 33312.46, 23643.81, 30487.47]);
  });

  it("keeps benchmarks of two packages apart by prefixing the package", () => {
    const text = [
      "pkg: example.com/a",
      "BenchmarkX-8   \t 100\t 10 ns/op",
      "ok  \texample.com/a\t1.0s",
      "pkg: example.com/b",
      "BenchmarkX-8   \t 100\t 20 ns/op",
    ].join("\n");

    expect(parseBenchmarkFile("all.txt", text, "auto").measurements.map((m) => [m.benchmark, m.value])).toEqual([
      ["example.com/a/BenchmarkX-8", 10],
      ["example.com/b/BenchmarkX-8", 20],
    ]);
  });

  it("skips the bare name go test prints before a benchmark's log output", () => {
    const text = "BenchmarkLogs\n    logs_test.go:9: warming up\nBenchmarkLogs-4  \t 50\t 300 ns/op\nPASS\n";

    expect(parseBenchmarkFile("logs.txt", text, "auto").measurements).toEqual([
      { benchmark: "BenchmarkLogs-4", measure: "ns/op", unit: "ns", better: "lower", value: 300, samples: [300] },
    ]);
  });

  it.each([
    ["a value that is not a number", "BenchmarkX-8 \t 100 \t fast ns/op", '"fast" is not a number'],
    ["a value without its unit", "BenchmarkX-8 \t 100 \t 1234 ns/op \t 56", "after the iteration count it should have value-unit pairs"],
    ["no iteration count", "BenchmarkX-8 \t 1234.5 ns/op", '"1234.5" is not an iteration count'],
  ])("reports %s with its line number", (_case, badLine, why) => {
    const text = `goos: linux\npkg: example.com/a\nBenchmarkOk-8 \t 100 \t 10 ns/op\n${badLine}\nPASS\n`;

    expect(() => parseBenchmarkFile("bench.txt", text, "auto")).toThrow(BenchmarkParseError);
    expect(() => parseBenchmarkFile("bench.txt", text, "auto")).toThrow(`bench.txt:4: malformed \`go test -bench\` line: ${why}`);
  });

  it("reports go test output that ran no benchmark", () => {
    expect(() => parseBenchmarkFile("bench.txt", "goos: linux\npkg: example.com/a\nPASS\n", "go")).toThrow(
      "bench.txt: no benchmark results in this go file: did the benchmarks run?",
    );
  });
});
