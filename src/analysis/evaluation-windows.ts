import type { TimeWindow } from "./time-window.js";

export interface EvaluationWindows {
  baseline: TimeWindow;
  candidate: TimeWindow;
}

/** What the after window is compared with (see `deployments.baseline`). */
export type BaselineMode = "previous-window" | "same-window-yesterday" | "same-window-last-week";

const HOUR = 3_600_000;
const BASELINE_OFFSET: Record<Exclude<BaselineMode, "previous-window">, number> = {
  "same-window-yesterday": 24 * HOUR,
  "same-window-last-week": 7 * 24 * HOUR,
};

/**
 * Windows anchored at the deployment status's own time t (not at when the webhook arrived, so late and
 * redelivered events measure the same thing): candidate [t + soak, t + soak + window); baseline the window
 * just before t, or the candidate's own hours one day or one week earlier, for metrics with a daily rhythm.
 */
export function evaluationWindows(
  t: Date,
  timing: { soak: number; window: number; baseline?: BaselineMode },
): EvaluationWindows {
  const at = t.getTime();
  const candidate = { start: new Date(at + timing.soak), end: new Date(at + timing.soak + timing.window) };
  const mode = timing.baseline ?? "previous-window";
  if (mode === "previous-window") return { baseline: { start: new Date(at - timing.window), end: new Date(at) }, candidate };
  return { baseline: shift(candidate, -BASELINE_OFFSET[mode]), candidate };
}

/**
 * Earlier pairs shaped exactly like `windows` (same lengths, same distance between baseline and candidate)
 * that lie wholly before the deployment at t, newest first: pair i's candidate is the i-th window-length
 * slice before t, its baseline that slice moved back as far as the real baseline is from the real candidate.
 * With the default baseline, pair 1's candidate is the real baseline. What the metric does across these
 * pairs is what "no change" looks like for it.
 */
export function quietPairs(t: Date, windows: EvaluationWindows, count: number): EvaluationWindows[] {
  const length = windows.candidate.end.getTime() - windows.candidate.start.getTime();
  const offset = windows.candidate.start.getTime() - windows.baseline.start.getTime();
  return Array.from({ length: count }, (_, index) => {
    const end = t.getTime() - index * length;
    const candidate = { start: new Date(end - length), end: new Date(end) };
    return { baseline: shift(candidate, -offset), candidate };
  });
}

function shift(window: TimeWindow, ms: number): TimeWindow {
  return { start: new Date(window.start.getTime() + ms), end: new Date(window.end.getTime() + ms) };
}
