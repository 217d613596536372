import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import { readPrefixedLabel } from "./read-prefixed-label.js";

export const TREND_DIRECTIONS = ["rising", "steady", "declining"] as const;
export const TREND_IMPACTS = ["high", "medium", "low"] as const;
export type TrendDirection = (typeof TREND_DIRECTIONS)[number];
export type TrendImpact = (typeof TREND_IMPACTS)[number];

/** A market trend's direction and impact as its labels give them; null where a label is missing or wrong. */
export interface TrendLabels {
  trend: TrendDirection | null;
  impact: TrendImpact | null;
  /** What is wrong, each sentence saying how to fix it; empty when exactly one known trend and impact are set. */
  problems: string[];
}

/** Reads a trend's `trend:` and `impact:` labels with the configured prefixes, ignoring case. */
export function readTrendLabels(config: RadarConfig, labels: readonly string[]): TrendLabels {
  const trend = readPrefixedLabel(labels, config.trend_prefix, TREND_DIRECTIONS, "trend direction");
  const impact = readPrefixedLabel(labels, config.impact_prefix, TREND_IMPACTS, "impact");
  const problems = [...trend.problems, ...impact.problems];
  return { trend: trend.value, impact: impact.value, problems };
}
