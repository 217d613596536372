import type { MetricPolicy } from "../../src/analysis/verdict.js";

/** A metric's policy as the analysis tests need it: lower is better, α 0.01, a 10 % threshold unless overridden. */
export function metricPolicy(overrides: Partial<MetricPolicy> = {}): MetricPolicy {
  return { better: "lower", threshold: { kind: "relative", value: 0.1 }, alpha: 0.01, minSamples: 10, ...overrides };
}
