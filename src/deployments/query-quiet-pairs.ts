import type { EvaluationWindows } from "../analysis/evaluation-windows.js";
import type { QuietPair } from "../analysis/detect-change.js";
import { SourceError, type MetricsSource } from "./sources/metrics-source.js";
import { type SeriesSamples, type TimeWindow } from "../analysis/time-window.js";

/**
 * Samples for the quiet history pairs of one metric. The pairs overlap one another (with the default baseline
 * each pair shares a window with the next), so the ranges they cover are merged and each merged range is
 * queried once. History only sharpens a verdict: if the source cannot answer, the metric is judged without it.
 */
export async function queryQuietPairs(
  source: MetricsSource,
  query: string,
  pairs: EvaluationWindows[],
  stepSeconds: number,
): Promise<QuietPair[]> {
  if (pairs.length === 0) return [];
  const ranges = mergeRanges(pairs.flatMap((pair) => [pair.baseline, pair.candidate]));
  let samples: SeriesSamples[];
  try {
    samples = await Promise.all(ranges.map((range) => source.queryRange(query, range, stepSeconds)));
  } catch (error) {
    if (error instanceof SourceError) return [];
    throw error;
  }
  const all = {
    timestamps: samples.flatMap((s) => s.timestamps),
    values: samples.flatMap((s) => s.values),
  };
  return pairs.map((pair) => ({ baseline: cut(all, pair.baseline), candidate: cut(all, pair.candidate) }));
}

function mergeRanges(windows: TimeWindow[]): TimeWindow[] {
  const sorted = [...windows].sort((a, b) => a.start.getTime() - b.start.getTime());
  const merged: TimeWindow[] = [];
  for (const window of sorted) {
    const last = merged.at(-1);
    if (last && window.start <= last.end) {
      if (window.end > last.end) last.end = window.end;
    } else {
      merged.push({ start: window.start, end: window.end });
    }
  }
  return merged;
}

/** The samples inside [start, end); timestamps are unix seconds. */
function cut(series: SeriesSamples, window: TimeWindow): SeriesSamples {
  const from = window.start.getTime() / 1000;
  const to = window.end.getTime() / 1000;
  const timestamps: number[] = [];
  const values: number[] = [];
  series.timestamps.forEach((t, i) => {
    if (t >= from && t < to) {
      timestamps.push(t);
      values.push(series.values[i]!);
    }
  });
  return { timestamps, values };
}
