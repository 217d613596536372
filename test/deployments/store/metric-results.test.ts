import { listMetricResults, saveMetricResults, type MetricResultRow } from "../../../src/deployments/store/metric-results.js";
import { useTestDatabase } from "../../helpers/test-database.js";
import { seedEvaluation } from "../../helpers/seed-evaluation.js";

function aResult(metricName: string, overrides: Partial<MetricResultRow> = {}): MetricResultRow {
  return {
    metricName,
    source: "prometheus",
    query: `histogram_quantile(0.95, rate(${metricName}[5m]))`,
    unit: "s",
    better: "lower",
    threshold: { kind: "relative", value: 0.1 },
    verdict: "regression",
    reason: "p95 rose 40 % (threshold 10 %)",
    baselineMedian: 0.375,
    baselineN: 60,
    candidateMedian: 0.525,
    candidateN: 60,
    changePct: 40,
    changeAbs: 0.15,
    pValue: 0.0001,
    test: "mann-whitney-u",
    graphUrl: "http://prometheus.example/graph?g0.expr=x",
    explanation: {
      effectSize: 0.9,
      autocorrelation: 0.4,
      effectiveN: { baseline: 25.7, candidate: 25.7 },
      expectedN: 60,
      noise: { absolute: 0.01, relative: 0.027, windows: 6 },
      warnings: ["threshold 1 % but this metric moves ±2.7 % between quiet windows (6 earlier pairs)"],
    },
    ...overrides,
  };
}

const unreadable = aResult("queue_depth", {
  unit: "jobs",
  better: "lower",
  threshold: { kind: "absolute", value: 5 },
  verdict: "inconclusive",
  reason: 'source "prometheus" timed out',
  baselineMedian: null,
  baselineN: 0,
  candidateMedian: null,
  candidateN: 0,
  changePct: null,
  changeAbs: null,
  pValue: null,
  test: "none",
  graphUrl: null,
  explanation: null,
});

describe("metric results", () => {
  const db = useTestDatabase();

  it("stores every row in one statement and lists them back in the order saved, nulls included", async () => {
    const { evaluation } = await seedEvaluation(db.pool);
    const rows = [aResult("p95_latency"), unreadable, aResult("apdex", { better: "higher", verdict: "improvement" })];
    await saveMetricResults(db.pool, evaluation.id, rows);
    expect(await listMetricResults(db.pool, evaluation.id)).toEqual(rows);
  });

  it("overwrites on a retry: no duplicates, new numbers win, metrics no longer configured disappear", async () => {
    const { evaluation } = await seedEvaluation(db.pool);
    await saveMetricResults(db.pool, evaluation.id, [aResult("p95_latency"), aResult("error_rate"), unreadable]);
    const retry = [unreadable, aResult("p95_latency", { verdict: "no-change", changePct: 1.5, pValue: 0.4 })];
    await saveMetricResults(db.pool, evaluation.id, retry);
    expect(await listMetricResults(db.pool, evaluation.id)).toEqual(retry);
  });

  it("keeps each evaluation's results apart, and saving none clears them", async () => {
    const a = await seedEvaluation(db.pool);
    const b = await seedEvaluation(db.pool);
    await saveMetricResults(db.pool, a.evaluation.id, [aResult("p95_latency")]);
    await saveMetricResults(db.pool, b.evaluation.id, [aResult("p95_latency", { verdict: "improvement" })]);
    await saveMetricResults(db.pool, a.evaluation.id, []);
    expect(await listMetricResults(db.pool, a.evaluation.id)).toEqual([]);
    expect(await listMetricResults(db.pool, b.evaluation.id)).toEqual([aResult("p95_latency", { verdict: "improvement" })]);
  });

  it("rejects a verdict outside the four Kaizen gives", async () => {
    const { evaluation } = await seedEvaluation(db.pool);
    const bad = { ...aResult("p95_latency"), verdict: "worse" } as unknown as MetricResultRow;
    await expect(saveMetricResults(db.pool, evaluation.id, [bad])).rejects.toThrow(/metric_results_verdict_check/);
  });
});
