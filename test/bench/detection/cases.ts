import type { DetectorInput } from "../../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../../src/analysis/verdict.js";
import type { RandomSource } from "./random-source.js";
import type { Shape } from "./shape.js";
import { shapes } from "./shapes.js";
import { cutWindows } from "./windows.js";

/** Every case is judged against a relative threshold of 5 %: steps beyond it should be flagged, others not. */
export const THRESHOLD = 0.05;
export const SIGMA_STEPS = [0.5, 1, 2, 3, 5];
export const PERCENT_STEPS = [1, 2, 5, 10, 20, 50, 100];
/** At scale 1: quiet series per shape and set, and series per (shape, step size, direction) in the evaluation set. */
const NO_CHANGE_PER_SHAPE = 400;
const STEPS_PER_CELL = 30;

export interface StepLabel {
  direction: "up" | "down";
  /** |shift| / σ of the shape's noise. */
  sigmas: number;
  /** |shift| / level × 100. */
  percent: number;
}

export interface CaseLabel {
  shape: string;
  better: "lower" | "higher";
  /** null: no change. */
  step: StepLabel | null;
  /** The step is beyond the threshold, so a detector should flag it; all other cases are negatives. */
  positive: boolean;
  /** What a right answer says for a positive; null for negatives. */
  expected: "regression" | "improvement" | null;
}

export interface PlannedCase {
  shape: Shape;
  shift: number;
  label: CaseLabel;
}

export interface BenchCase {
  label: CaseLabel;
  input: DetectorInput;
  policy: MetricPolicy;
}

/**
 * The labelled cases of one set, in generation order. "calibration" holds only quiet series (the reference
 * detectors are tuned on it); "evaluation" holds quiet series and steps of every size in both directions, half of
 * them for metrics where higher is better. `scale` multiplies every count; `selected` narrows the shapes.
 */
export function planCases(set: "calibration" | "evaluation", scale: number, selected: Shape[] = shapes): PlannedCase[] {
  const quiet = Math.max(1, Math.round(NO_CHANGE_PER_SHAPE * scale));
  const perCell = set === "evaluation" ? Math.max(1, Math.round(STEPS_PER_CELL * scale)) : 0;
  const planned: PlannedCase[] = [];
  for (const shape of selected) {
    for (let k = 0; k < quiet; k++) planned.push(plan(shape, 0, k));
    const shifts = [
      ...SIGMA_STEPS.map((sigmas) => sigmas * shape.sigma),
      ...PERCENT_STEPS.map((percent) => (percent / 100) * (shape.percentOf ?? shape.level)),
    ];
    for (const size of shifts) {
      for (const shift of [size, -size]) {
        if (shape.positiveOnly && shape.level + shift <= 0) continue;
        for (let k = 0; k < perCell; k++) planned.push(plan(shape, shift, k));
      }
    }
  }
  return planned;
}

function plan(shape: Shape, shift: number, k: number): PlannedCase {
  const better = k % 2 === 0 ? "lower" : "higher";
  if (shift === 0) return { shape, shift, label: { shape: shape.name, better, step: null, positive: false, expected: null } };
  const direction = shift > 0 ? "up" : "down";
  const percent = (Math.abs(shift) / (shape.percentOf ?? shape.level)) * 100;
  // A tolerance, so a step of exactly the threshold (like 1σ of a 5 % noise) stays a negative despite rounding.
  const positive = percent > THRESHOLD * 100 + 1e-9;
  const worse = (direction === "up") === (better === "lower");
  return {
    shape,
    shift,
    label: {
      shape: shape.name,
      better,
      step: { direction, sigmas: Math.abs(shift) / shape.sigma, percent },
      positive,
      expected: positive ? (worse ? "regression" : "improvement") : null,
    },
  };
}

/** Draws one planned case's series and cuts the detector's input out of it. */
export function generateCase(planned: PlannedCase, random: RandomSource): BenchCase {
  const policy: MetricPolicy = {
    better: planned.label.better,
    threshold: { kind: "relative", value: THRESHOLD },
    alpha: 0.01,
    minSamples: 10,
    kind: planned.shape.kind,
  };
  return { label: planned.label, input: cutWindows(planned.shape.generate(random, planned.shift)), policy };
}
