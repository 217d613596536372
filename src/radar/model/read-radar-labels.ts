import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import { readPrefixedLabel } from "./read-prefixed-label.js";

/** Where a radar item's labels place it; ring and quadrant are null where a label is missing or wrong. */
export interface RadarLabels {
  ring: string | null;
  quadrant: string | null;
  /** What is wrong, each sentence saying how to fix it; empty when exactly one known ring and quadrant are set. */
  problems: string[];
}

/** Reads a radar item's ring and quadrant labels with the configured prefixes and names, ignoring case. */
export function readRadarLabels(config: RadarConfig, labels: readonly string[]): RadarLabels {
  const ring = readPrefixedLabel(labels, config.ring_prefix, config.rings, "ring");
  const quadrant = readPrefixedLabel(labels, config.quadrant_prefix, config.quadrants, "quadrant");
  const problems = [...ring.problems, ...quadrant.problems];
  return { ring: ring.value, quadrant: quadrant.value, problems };
}
