import type { DeploymentFacts, EvaluationReport } from "./report-context.js";
import type { MeasuredMetric } from "./measure-metrics.js";

/**
 * The report every output of one evaluation renders (check run, PR comment, issues): the deployment's
 * facts plus each measured metric as the reports show it. Pure, so the app and `kaizen evaluate` build
 * the very same report.
 */
export function buildEvaluationReport(facts: DeploymentFacts, gate: boolean, measured: MeasuredMetric[]): EvaluationReport {
  return {
    ...facts,
    gate,
    metrics: measured.map((m) => ({
      name: m.metric.name,
      unit: m.metric.unit,
      source: m.source,
      query: m.query,
      better: m.metric.better,
      threshold: m.metric.threshold,
      graphUrl: m.graphUrl,
      result: m.result,
    })),
  };
}
