import type { TimeWindow } from "../sources/metrics-source.js";

export interface EvaluationWindows {
  baseline: TimeWindow;
  candidate: TimeWindow;
}

/**
 * Windows anchored at the deployment status's own time t (not at when the webhook arrived, so late and
 * redelivered events measure the same thing): baseline [t − window, t), candidate [t + soak, t + soak + window).
 */
export function evaluationWindows(t: Date, timing: { soak: number; window: number }): EvaluationWindows {
  const at = t.getTime();
  const candidateStart = at + timing.soak;
  return {
    baseline: { start: new Date(at - timing.window), end: new Date(at) },
    candidate: { start: new Date(candidateStart), end: new Date(candidateStart + timing.window) },
  };
}
