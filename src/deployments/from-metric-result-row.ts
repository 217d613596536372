import { emptyExplanation } from "../analysis/verdict.js";
import type { MetricResultRow } from "./store/metric-results.js";
import type { MeasuredMetric } from "./measure-metrics.js";
import type { MetricConfig } from "../config/schema/kaizen-config.js";

/** A stored result back as the measurement it was saved from (the inverse of toMetricResultRows). */
export function fromMetricResultRow(metric: MetricConfig, row: MetricResultRow): MeasuredMetric {
  return {
    metric,
    source: row.source,
    query: row.query,
    graphUrl: row.graphUrl,
    result: {
      verdict: row.verdict,
      reason: row.reason,
      baseline: { n: row.baselineN, median: row.baselineMedian },
      candidate: { n: row.candidateN, median: row.candidateMedian },
      changePct: row.changePct,
      changeAbs: row.changeAbs,
      pValue: row.pValue,
      test: row.test,
      explanation: row.explanation ?? emptyExplanation(),
    },
  };
}
