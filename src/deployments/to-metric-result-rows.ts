import type { MetricResultRow } from "./store/metric-results.js";
import type { MeasuredMetric } from "./measure-metrics.js";

/** Flattens measured metrics into the rows `metric_results` stores. */
export function toMetricResultRows(measured: MeasuredMetric[]): MetricResultRow[] {
  return measured.map(({ metric, source, query, graphUrl, result }) => ({
    metricName: metric.name,
    source,
    query,
    unit: metric.unit,
    better: metric.better,
    threshold: metric.threshold,
    verdict: result.verdict,
    reason: result.reason,
    baselineMedian: result.baseline.median,
    baselineN: result.baseline.n,
    candidateMedian: result.candidate.median,
    candidateN: result.candidate.n,
    changePct: result.changePct,
    changeAbs: result.changeAbs,
    pValue: result.pValue,
    test: result.test,
    graphUrl,
    explanation: result.explanation,
  }));
}
