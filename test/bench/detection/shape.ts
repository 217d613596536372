import type { RandomSource } from "./random-source.js";
import { FIRST_INDEX, SERIES_LENGTH } from "./windows.js";

/** One kind of synthetic metric. */
export interface Shape {
  name: string;
  /** One line for docs/detection.md: what the series looks like. */
  description: string;
  /** The series' typical value; percent labels are shift / level. */
  level: number;
  /**
   * What a percentage is a share of, when the level is too close to 0 for a ratio: the series' interquartile range,
   * as the detector uses it then. Absent: the level.
   */
  percentOf?: number;
  /** Standard deviation of one sample around the level (marginal, not an innovation); σ labels are shift / sigma. */
  sigma: number;
  /** A rate, latency or ratio: steps that would take the level to 0 or below are not generated. */
  positiveOnly: boolean;
  kind: "gauge" | "counter";
  /**
   * One continuous series of SERIES_LENGTH samples (windows.ts says which index is where); the level moves by
   * `shift` from the deployment (index 0) on. NaN marks a missing sample.
   */
  generate(random: RandomSource, shift: number): number[];
}

/** The level at series position j: `level` before the deployment, `level + shift` from it on. */
export function levelAt(j: number, level: number, shift: number): number {
  return FIRST_INDEX + j >= 0 ? level + shift : level;
}

/** A series built sample by sample from its position. */
export function series(sample: (j: number) => number): number[] {
  return Array.from({ length: SERIES_LENGTH }, (_, j) => sample(j));
}
