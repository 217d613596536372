import { BenchmarkParseError } from "../../../src/benchmarks/benchmark-result.js";
import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { parseFixture } from "./parse-fixture.js";

describe("hyperfine --export-json", () => {
  it("reads one time per command, the median as value and every run as samples", () => {
    const parsed = parseFixture("hyperfine/hyperfine.json", "hyperfine");

    expect(parsed.format).toBe("hyperfine");
    expect(parsed.measurements.map(({ samples, ...rest }) => ({ ...rest, samples: samples?.length }))).toEqual([
      { benchmark: "sleep 0.01", measure: "time", unit: "s", better: "lower", value: 0.013284618500000001, samples: 10 },
      {
        benchmark: "seq 1 20000 | sort -n > /dev/null",
        measure: "time",
        unit: "s",
        better: "lower",
        value: 0.032356025999999996,
        samples: 10,
      },
    ]);
    expect(parsed.measurements[0]?.samples?.slice(0, 2)).toEqual([0.014819747500000003, 0.0097584595]);
  });

  it("falls back to the mean when an older hyperfine wrote no median", () => {
    const parsed = parseBenchmarkFile("old.json", '{"results": [{"command": "true", "mean": 0.5}]}', "auto");

    expect(parsed.measurements).toEqual([
      { benchmark: "true", measure: "time", unit: "s", better: "lower", value: 0.5, samples: null },
    ]);
  });

  it("reports a result without a mean on the line of that result", () => {
    const text = '{\n  "results": [\n    {"command": "a", "mean": 1},\n    {"command": "b",\n     "median": 2}\n  ]\n}';

    expect(() => parseBenchmarkFile("h.json", text, "hyperfine")).toThrow(
      new BenchmarkParseError("h.json", 4, 'not valid hyperfine output: results[1] has no "mean" (hyperfine\'s mean run time in seconds)'),
    );
  });

  it("reports a sample that is not a number on its own line", () => {
    const text = '{"results": [{"command": "a", "mean": 1,\n "times": [1,\n "2"]}]}';

    expect(() => parseBenchmarkFile("h.json", text, "auto")).toThrow(
      new BenchmarkParseError("h.json", 3, "not valid hyperfine output: results[0].times[1] should be a number"),
    );
  });
});
