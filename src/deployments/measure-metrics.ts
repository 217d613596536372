import type { KaizenConfig, MetricConfig } from "../config/schema/kaizen-config.js";
import { renderQuery, type QueryVars } from "../config/render-query.js";
import { detectChange } from "../analysis/detect-change.js";
import { emptyExplanation, type MetricPolicy, type MetricVerdict, type Threshold } from "../analysis/verdict.js";
import { quietPairs, type EvaluationWindows } from "../analysis/evaluation-windows.js";
import type { SourceRegistry } from "./sources/create-source-registry.js";
import { SourceError } from "./sources/metrics-source.js";
import { queryQuietPairs } from "./query-quiet-pairs.js";

/** One configured metric after measurement: what was asked, where, and what the analysis said. */
export interface MeasuredMetric {
  metric: MetricConfig;
  source: string;
  query: string;
  graphUrl: string | null;
  result: MetricVerdict;
}

/**
 * Queries every metric over both windows, and over `deployments.noise_windows` quiet pairs before the
 * deployment for its noise, and runs the detector. A source that cannot answer turns that metric Inconclusive
 * with the source's reason; it never fails the whole evaluation (and never reads as "No change").
 * `deployedAt` anchors the quiet history; it defaults to the candidate start minus the soak, which is where
 * evaluationWindows put the deployment. `thresholds` replaces the configured threshold of the metrics it names (an
 * auto-tuned noise floor); the measured metric then carries the threshold it was judged with.
 */
export async function measureMetrics(
  config: KaizenConfig,
  sources: SourceRegistry,
  windows: EvaluationWindows,
  vars: QueryVars,
  stepSeconds: number,
  options: { deployedAt?: Date; thresholds?: ReadonlyMap<string, Threshold> } = {},
): Promise<MeasuredMetric[]> {
  const deployedAt = options.deployedAt ?? new Date(windows.candidate.start.getTime() - config.deployments.soak);
  const pairs = quietPairs(deployedAt, windows, config.deployments.noise_windows);
  const windowSeconds = (windows.candidate.end.getTime() - windows.candidate.start.getTime()) / 1000;
  return Promise.all(
    config.metrics.map(async (configured): Promise<MeasuredMetric> => {
      const tuned = options.thresholds?.get(configured.name);
      const metric = tuned ? { ...configured, threshold: tuned } : configured;
      const sourceName = metric.source ?? sources.names()[0] ?? "";
      const query = renderQuery(metric.query, vars);
      const policy: MetricPolicy = {
        better: metric.better,
        threshold: metric.threshold,
        alpha: metric.alpha,
        minSamples: metric.minSamples,
        kind: metric.kind,
      };
      const source = sources.get(sourceName);
      if (!source) {
        const reason = `source "${sourceName}" is not defined by the operator`;
        return { metric, source: sourceName, query, graphUrl: null, result: unreadable(reason) };
      }
      const graphUrl = source.graphUrl(query, { start: windows.baseline.start, end: windows.candidate.end });
      try {
        const [baseline, candidate, history] = await Promise.all([
          source.queryRange(query, windows.baseline, stepSeconds),
          source.queryRange(query, windows.candidate, stepSeconds),
          queryQuietPairs(source, query, pairs, stepSeconds),
        ]);
        const result = detectChange({ baseline, candidate, history, stepSeconds, windowSeconds }, policy);
        return { metric, source: sourceName, query, graphUrl, result };
      } catch (error) {
        if (!(error instanceof SourceError)) throw error;
        return { metric, source: sourceName, query, graphUrl, result: unreadable(error.message) };
      }
    }),
  );
}

function unreadable(reason: string): MetricVerdict {
  return {
    verdict: "inconclusive",
    reason,
    baseline: { n: 0, median: null },
    candidate: { n: 0, median: null },
    changePct: null,
    changeAbs: null,
    pValue: null,
    test: "none",
    explanation: emptyExplanation(),
  };
}
