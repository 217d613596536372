import { evaluationWindows } from "../../src/analysis/evaluation-windows.js";
import { KaizenConfig } from "../../src/config/schema/kaizen-config.js";
import { parseSourcesFile } from "../../src/config/load-sources-file.js";
import { measureMetrics } from "../../src/deployments/measure-metrics.js";
import { createSourceRegistry } from "../../src/deployments/sources/create-source-registry.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";

// The detector end to end on real Prometheus answers: the fixture's counter, daily rhythm and flat series
// (test/helpers/prometheus-fixture.ts), measured the way an evaluation measures them.
const fixture = readPrometheusFixture();
const sources = createSourceRegistry(
  parseSourcesFile(`sources:\n  prometheus:\n    type: prometheus\n    url: ${fixture.url}\n`, {}, "sources.yml"),
);
const vars = { environment: "production", sha: "abc", ref: "main", repo: "octo/app" };
const deployedAt = new Date(fixture.stepAt * 1000);

async function measure(deployments: Record<string, unknown>, metrics: Array<Record<string, unknown>>) {
  const config = KaizenConfig.parse({ deployments: { soak: "5m", window: "20m", step: "30s", ...deployments }, metrics });
  const windows = evaluationWindows(deployedAt, config.deployments);
  return measureMetrics(config, sources, windows, vars, config.deployments.step / 1000);
}

describe("measureMetrics against the fixture Prometheus", () => {
  it("compares a counter by its rate, across a restart, and flags a counter measured as a gauge", async () => {
    const query = 'kaizen_test_requests_total{env="production"}';
    const [asCounter, asGauge] = await measure({}, [
      { name: "requests", query, kind: "counter", better: "higher", threshold: "10%" },
      { name: "requests raw", query, better: "higher", threshold: "10%" },
    ]);
    expect(asCounter!.result).toMatchObject({ verdict: "improvement" });
    expect(asCounter!.result.baseline.median).toBeCloseTo(100, -1);
    expect(asCounter!.result.candidate.median).toBeCloseTo(130, -1);
    expect(asCounter!.result.explanation.warnings).toEqual([]);
    expect(asGauge!.result.explanation.warnings).toContain(
      "values only ever rise, like a counter: set `kind: counter` or wrap the query in `rate()`",
    );
  });

  it("sees a daily rhythm for what it is with each kind of baseline", async () => {
    const metric = { name: "daily", query: 'kaizen_test_daily_latency_seconds{env="production"}', threshold: "5%" };
    const [previous] = await measure({}, [metric]);
    const [yesterday] = await measure({ baseline: "same-window-yesterday" }, [metric]);
    const [lastWeek] = await measure({ baseline: "same-window-last-week" }, [metric]);

    // The rhythm rises ~6 % between the window before and the window after, as it does every day at this
    // hour: the quiet pairs before the deployment show the same climb, so it is noise, not a regression.
    expect(previous!.result.changePct).toBeGreaterThan(5);
    expect(previous!.result.verdict).toBe("no-change");
    expect(previous!.result.reason).toMatch(/within this metric's noise \(±\d+(\.\d)? % between quiet windows\)/);
    expect(previous!.result.explanation.noise?.windows).toBe(6);

    for (const same of [yesterday!, lastWeek!]) {
      expect(same.result.verdict).toBe("no-change");
      expect(Math.abs(same.result.changePct!)).toBeLessThan(2);
    }
  });

  it("warns when the threshold is below the metric's own noise, and not when it is above", async () => {
    const query = 'kaizen_test_error_ratio{env="production"}';
    const [tight, loose] = await measure({}, [
      { name: "tight", query, threshold: "0.1%" },
      { name: "loose", query, threshold: "10%" },
    ]);
    const noise = tight!.result.explanation.noise!;
    expect(noise.windows).toBe(6);
    expect(noise.relative).toBeGreaterThan(0.001);
    expect(noise.relative).toBeLessThan(0.02);
    // Two significant digits below 1 %, as the reason texts write percentages.
    const pct = String(Number((noise.relative! * 100).toPrecision(2)));
    expect(tight!.result.explanation.warnings).toEqual([
      `threshold 0.1 % but this metric moves ±${pct} % between quiet windows (6 earlier pairs); ` +
        "smaller changes cannot be told from noise: raise the threshold or lengthen the window",
    ]);
    expect(loose!.result.explanation.warnings).toEqual([]);
    expect(loose!.result.verdict).toBe("no-change");
  });

  it("is inconclusive, not no-change, when the baseline hours have no data", async () => {
    // The step series starts 6 h ago: yesterday's window does not exist.
    const [result] = await measure({ baseline: "same-window-yesterday" }, [
      { name: "latency", query: 'kaizen_test_latency_seconds{env="production"}' },
    ]);
    expect(result!.result).toMatchObject({ verdict: "inconclusive", baseline: { n: 0 } });
  });

  it("explains a clear regression with its statistics", async () => {
    const [result] = await measure({}, [{ name: "latency", query: 'kaizen_test_latency_seconds{env="production"}' }]);
    expect(result!.result.verdict).toBe("regression");
    expect(result!.result.explanation).toMatchObject({ expectedN: 40, warnings: [] });
    expect(result!.result.explanation.effectSize).toBe(1);
    expect(result!.result.explanation.noise?.windows).toBe(6);
  });
});
