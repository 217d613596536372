import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { parseFixture } from "./parse-fixture.js";
import { resolveBenchmarkPolicy } from "../../../src/benchmarks/resolve-benchmark-policy.js";

describe("github-action-benchmark custom JSON", () => {
  it("reads customSmallerIsBetter output, leaving the direction of units that do not tell it to config", () => {
    expect(parseFixture("github-action-benchmark/custom-smaller-is-better.json", "github-action-benchmark").measurements).toEqual([
      { benchmark: "My Custom Smaller Is Better Benchmark - CPU Load", measure: "Percent", unit: "Percent", better: null, value: 50, samples: null },
      { benchmark: "My Custom Smaller Is Better Benchmark - Memory Used", measure: "Megabytes", unit: "Megabytes", better: null, value: 100, samples: null },
    ]);
  });

  it("reads customBiggerIsBetter output, where a rate unit says higher is better", () => {
    expect(parseFixture("github-action-benchmark/custom-bigger-is-better.json").measurements).toEqual([
      { benchmark: "My Custom Bigger Is Better Benchmark - Throughput", measure: "req/s", unit: "req/s", better: "higher", value: 70, samples: null },
      { benchmark: "My Custom Bigger Is Better Benchmark - Free Memory", measure: "Megabytes", unit: "Megabytes", better: null, value: 150, samples: null },
    ]);
  });

  it("reads a time unit as lower is better", () => {
    const parsed = parseFixture("github-action-benchmark/custom-smaller-is-better-ns.json");

    expect(parsed.measurements.map((m) => [m.benchmark, m.measure, m.better, m.value])).toEqual([
      ["No instrumentation", "ns", "lower", 90.9439],
      ["Deactivated probe", "ns", "lower", 445.661],
      ["No logging", "ns", "lower", 1847.38],
      ["Binary file", "ns", "lower", 3886.75],
    ]);
  });

  it("takes a numeric string as its number and names the measure 'value' when there is no unit", () => {
    expect(parseBenchmarkFile("c.json", '[{"name": "dummy", "value": "31"}]', "auto").measurements).toEqual([
      { benchmark: "dummy", measure: "value", unit: "", better: null, value: 31, samples: null },
    ]);
  });

  it("reports a value that is not a number on its line", () => {
    const text = '[\n {"name": "a", "unit": "ms", "value": 1},\n {"name": "b", "unit": "ms",\n  "value": "fast"}\n]';

    expect(() => parseBenchmarkFile("c.json", text, "auto")).toThrow(
      'c.json:4: not valid github-action-benchmark output: [1].value should be a number, not "fast"',
    );
  });

  it("reports an entry without a name on its line", () => {
    const text = '[\n {"name": "a", "value": 1},\n {"unit": "ms", "value": 2}\n]';

    expect(() => parseBenchmarkFile("c.json", text, "github-action-benchmark")).toThrow(
      'c.json:3: not valid github-action-benchmark output: [1] has no "name" text (the benchmark\'s name)',
    );
  });
});

describe("github-action-benchmark tool names as benchmarks.format", () => {
  it.each([
    ["customBiggerIsBetter", "higher"],
    ["customSmallerIsBetter", "lower"],
  ] as const)("%s gives every benchmark of the file the direction %s, whatever its unit", (tool, better) => {
    const parsed = parseFixture("github-action-benchmark/custom-bigger-is-better.json", tool);

    expect(parsed.format).toBe("github-action-benchmark");
    expect(parsed.measurements.length).toBeGreaterThan(1);
    expect(parsed.measurements.map((m) => m.better)).toEqual(parsed.measurements.map(() => better));
  });

  it("gives way to overrides: an override's direction wins for the benchmarks it names, the tool's holds for the rest", () => {
    const parsed = parseFixture("github-action-benchmark/custom-bigger-is-better.json", "customBiggerIsBetter");
    const benchmarks = { threshold: { kind: "relative", value: 0.1 } as const, overrides: [{ name: "* - Free Memory", better: "lower" as const }] };
    const policies = parsed.measurements.map((m) => {
      const { better, betterFrom } = resolveBenchmarkPolicy(benchmarks, m);
      return [m.benchmark, better, betterFrom];
    });
    expect(policies).toEqual([
      ["My Custom Bigger Is Better Benchmark - Throughput", "higher", "format"],
      ["My Custom Bigger Is Better Benchmark - Free Memory", "lower", "config"],
    ]);
  });

  it("refuses a file that is not the action's custom JSON under its tool name", () => {
    expect(() => parseFixture("k6/handle-summary.json", "customBiggerIsBetter")).toThrow(/`benchmarks.format` is github-action-benchmark/);
  });
});
