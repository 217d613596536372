import { PrometheusSourceSettings } from "../../../../src/config/sources-file.js";
import { SourceError } from "../../../../src/deployments/sources/metrics-source.js";
import { type TimeWindow } from "../../../../src/analysis/time-window.js";
import { createPrometheusSource } from "../../../../src/deployments/sources/prometheus/create-prometheus-source.js";
import { FIXTURE_GAUGES, FIXTURE_HISTOGRAM, FIXTURE_NOISE, readPrometheusFixture } from "../../../helpers/prometheus-fixture.js";

// Against the real Prometheus started by global setup; the data is described in prometheus-fixture.ts.
const { url, stepAt, recoveryAt } = readPrometheusFixture();
const source = createPrometheusSource("prometheus", PrometheusSourceSettings.parse({ type: "prometheus", url }));

const MINUTE = 60;
const window = (fromSeconds: number, toSeconds: number): TimeWindow => ({
  start: new Date(fromSeconds * 1000),
  end: new Date(toSeconds * 1000),
});
const near = (level: number) => ({ min: level * (1 - FIXTURE_NOISE), max: level * (1 + FIXTURE_NOISE) });
const production = (metric: string) => `${metric}{env="production"}`;

describe("createPrometheusSource against the fixture Prometheus", () => {
  describe("queryRange", () => {
    it.each([
      ["kaizen_test_latency_seconds", "before the step", -30 * MINUTE, 0, FIXTURE_GAUGES.kaizen_test_latency_seconds[0]],
      ["kaizen_test_latency_seconds", "after the step", 0, 30 * MINUTE, FIXTURE_GAUGES.kaizen_test_latency_seconds[1]],
      ["kaizen_test_throughput_rps", "before the step", -30 * MINUTE, 0, FIXTURE_GAUGES.kaizen_test_throughput_rps[0]],
      ["kaizen_test_throughput_rps", "after the step", 0, 30 * MINUTE, FIXTURE_GAUGES.kaizen_test_throughput_rps[1]],
      ["kaizen_test_error_ratio", "before the step", -30 * MINUTE, 0, FIXTURE_GAUGES.kaizen_test_error_ratio[0]],
      ["kaizen_test_error_ratio", "after the step", 0, 30 * MINUTE, FIXTURE_GAUGES.kaizen_test_error_ratio[1]],
    ])("returns %s %s at its level", async (metric, _when, from, to, level) => {
      const samples = await source.queryRange(production(metric), window(stepAt + from, stepAt + to), 60);

      expect(samples.timestamps).toHaveLength(30);
      expect(samples.timestamps[0]).toBe(stepAt + from);
      expect(samples.timestamps.at(-1)).toBe(stepAt + to - 60);
      const { min, max } = near(level);
      expect(Math.min(...samples.values)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...samples.values)).toBeLessThanOrEqual(max);
    });

    it("does not return the sample at the window's end (half-open window)", async () => {
      const samples = await source.queryRange(production("kaizen_test_latency_seconds"), window(stepAt - 60, stepAt), 15);

      expect(samples.timestamps).toEqual([stepAt - 60, stepAt - 45, stepAt - 30, stepAt - 15]);
      expect(Math.max(...samples.values)).toBeLessThan(0.12);
    });

    it.each([
      ["before the step", stepAt - 30 * MINUTE, stepAt, 0.1],
      ["between step and recovery", stepAt + 10 * MINUTE, recoveryAt - 10 * MINUTE, 0.15],
      ["after the recovery", recoveryAt, recoveryAt + 30 * MINUTE, 0.1],
    ])("returns the flapping latency %s at its level", async (_when, from, to, level) => {
      const samples = await source.queryRange(production("kaizen_test_flapping_latency_seconds"), window(from, to), 60);

      expect(samples.values.length).toBeGreaterThan(10);
      const { min, max } = near(level);
      expect(samples.values.every((value) => value >= min && value <= max)).toBe(true);
    });

    it("shows the histogram's p95 stepping up", async () => {
      const p95 = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{env="production"}[5m])))';
      const before = await source.queryRange(p95, window(stepAt - 60 * MINUTE, stepAt), 60);
      const after = await source.queryRange(p95, window(stepAt + 10 * MINUTE, stepAt + 60 * MINUTE), 60);

      expect(before.values).toHaveLength(60);
      expect(after.values).toHaveLength(50);
      for (const value of before.values) expect(value).toBeCloseTo(FIXTURE_HISTOGRAM.p95Before, 2);
      for (const value of after.values) expect(value).toBeCloseTo(FIXTURE_HISTOGRAM.p95After, 2);
    });

    it("returns no samples for a label nothing has (staging)", async () => {
      const samples = await source.queryRange(
        'kaizen_test_latency_seconds{env="staging"}',
        window(stepAt - 30 * MINUTE, stepAt + 30 * MINUTE),
        60,
      );

      expect(samples).toEqual({ timestamps: [], values: [] });
    });

    it("drops non-finite values (x / 0 is +Inf)", async () => {
      const samples = await source.queryRange(
        `${production("kaizen_test_error_ratio")} / 0`,
        window(stepAt - 30 * MINUTE, stepAt),
        60,
      );

      expect(samples).toEqual({ timestamps: [], values: [] });
    });

    it("refuses more than one series, naming how many and how to aggregate", async () => {
      const query = source.queryRange('{__name__=~"kaizen_test_.*_latency_seconds"}', window(stepAt - 30 * MINUTE, stepAt), 60);

      await expect(query).rejects.toThrow(SourceError);
      await expect(query).rejects.toThrow(
        "prometheus: the query returned 3 series (they differ in __name__), but Kaizen compares exactly one: " +
          "aggregate them, e.g. sum(...) or avg(...)",
      );
    });

    it("reports bad PromQL with Prometheus's own error and no retry count", async () => {
      const query = source.queryRange("sum(rate(", window(stepAt - 30 * MINUTE, stepAt), 60);

      await expect(query).rejects.toThrow(SourceError);
      await expect(query).rejects.toThrow(/^prometheus: bad_data: .*parse error/);
      await expect(query).rejects.not.toThrow(/attempt/);
    });
  });

  describe("graphUrl", () => {
    it("links to the graph page of the configured server", () => {
      const link = new URL(source.graphUrl(production("kaizen_test_latency_seconds"), window(stepAt - 3600, stepAt)));

      expect(`${link.origin}${link.pathname}`).toBe(`${url}/graph`);
      expect(link.searchParams.get("g0.expr")).toBe(production("kaizen_test_latency_seconds"));
      expect(link.searchParams.get("g0.range_input")).toBe("3600s");
    });
  });
});
