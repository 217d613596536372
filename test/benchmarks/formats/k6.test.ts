import { parseBenchmarkFile } from "../../../src/benchmarks/formats/parse-benchmark-file.js";
import { measurementOf, parseFixture } from "./parse-fixture.js";

describe("k6 end-of-test summary", () => {
  describe("--summary-export", () => {
    const parsed = parseFixture("k6/summary-export.json", "k6");
    const benchmark = "k6/summary-export";

    it("names the benchmark after the file and reads avg, med and percentiles of every timing trend, in ms", () => {
      expect(parsed.measurements.every((m) => m.benchmark === benchmark && m.samples === null)).toBe(true);
      expect(parsed.measurements.filter((m) => m.measure.startsWith("http_req_duration "))).toEqual([
        { benchmark, measure: "http_req_duration avg", unit: "ms", better: "lower", value: 146.13434929493093, samples: null },
        { benchmark, measure: "http_req_duration med", unit: "ms", better: "lower", value: 115.237707, samples: null },
        { benchmark, measure: "http_req_duration p(90)", unit: "ms", better: "lower", value: 204.6849077, samples: null },
        { benchmark, measure: "http_req_duration p(95)", unit: "ms", better: "lower", value: 205.27533795, samples: null },
      ]);
      expect(measurementOf(parsed, benchmark, "iteration_duration p(95)").value).toBe(209.87447475000002);
    });

    it("reads the request and iteration rates as throughput, and nothing of checks, data volumes or VUs", () => {
      expect(measurementOf(parsed, benchmark, "http_reqs rate")).toMatchObject({ unit: "/s", better: "higher", value: 21.699900441941768 });
      expect(measurementOf(parsed, benchmark, "iterations rate")).toMatchObject({ unit: "/s", better: "higher" });
      expect(parsed.measurements.map((m) => m.measure.split(" ")[0])).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/^(checks|data_sent|data_received|vus|vus_max)$/)]),
      );
      expect(parsed.measurements).toHaveLength(8 * 4 + 2);
    });
  });

  it("reads handleSummary data, where a custom trend that contains time is in ms", () => {
    const parsed = parseFixture("k6/handle-summary.json");

    expect(parsed.format).toBe("k6");
    expect(parsed.measurements.map((m) => [m.measure, m.unit, m.better, m.value])).toEqual([
      ["my_trend p(90)", "ms", "lower", 19],
      ["my_trend p(95)", "ms", "lower", 19.5],
      ["my_trend p(99)", "ms", "lower", 19.9],
      ["my_trend avg", "ms", "lower", 15],
      ["my_trend med", "ms", "lower", 15],
      ["http_reqs rate", "/s", "higher", 3],
    ]);
  });

  it("reads a custom trend the same in --summary-export as in handleSummary: ms, lower better", () => {
    const handled = parseFixture("k6/handle-summary.json").measurements.filter((m) => m.measure.startsWith("my_trend"));
    const exported = parseFixture("k6/summary-export-custom-trend.json").measurements.filter((m) => m.measure.startsWith("my_trend"));

    expect(exported.map((m) => [m.measure, m.unit, m.better, m.value])).toEqual(handled.map((m) => [m.measure, m.unit, m.better, m.value]));
    expect(exported.every((m) => m.unit === "ms" && m.better === "lower")).toBe(true);
  });

  it("reads the failing-request rate, lower better, and a custom trend of --summary-export as ms", () => {
    const text = JSON.stringify({
      root_group: {},
      metrics: {
        http_req_failed: { passes: 3, fails: 97, value: 0.03 },
        "http_req_duration{expected_response:true}": { med: 12 },
        cart_size: { avg: 4, med: 3 },
      },
    });

    expect(parseBenchmarkFile("load.json", text, "auto").measurements.map((m) => [m.measure, m.unit, m.better, m.value])).toEqual([
      ["http_req_failed rate", "", "lower", 0.03],
      ["http_req_duration{expected_response:true} med", "ms", "lower", 12],
      ["cart_size avg", "ms", "lower", 4],
      ["cart_size med", "ms", "lower", 3],
    ]);
  });

  it("leaves a handleSummary trend that says it holds no time open", () => {
    const text = JSON.stringify({ metrics: { cart_size: { type: "trend", contains: "default", values: { avg: 4 } } } });

    expect(parseBenchmarkFile("load.json", text, "k6").measurements).toEqual([
      { benchmark: "load", measure: "cart_size avg", unit: "", better: null, value: 4, samples: null },
    ]);
  });

  it("reports a trend stat that is not a number on its line", () => {
    const text = '{"root_group": {},\n "metrics": {\n  "http_req_duration": {\n   "avg": 1,\n   "p(95)": "slow"}}}';

    expect(() => parseBenchmarkFile("load.json", text, "k6")).toThrow(
      'load.json:5: not valid k6 output: metrics.http_req_duration.p(95) should be a number',
    );
  });
});
