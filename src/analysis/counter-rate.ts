import type { SeriesSamples } from "./time-window.js";

/**
 * Turns a cumulative counter into per-second rates between consecutive samples, the way Prometheus' rate()
 * reads counters: a drop means the process restarted and counted again from 0, so the increase across a drop
 * is the new value itself. Each rate is stamped with the later sample's time; the first sample has no rate.
 */
export function counterRate(series: SeriesSamples): SeriesSamples {
  const timestamps: number[] = [];
  const values: number[] = [];
  // A sample whose time does not move forward is dropped, and the next rate runs from the last one kept.
  let from = 0;
  for (let i = 1; i < series.values.length; i++) {
    const seconds = series.timestamps[i]! - series.timestamps[from]!;
    if (!(seconds > 0)) continue;
    const previous = series.values[from]!;
    const current = series.values[i]!;
    const increase = current >= previous ? current - previous : current;
    timestamps.push(series.timestamps[i]!);
    values.push(increase / seconds);
    from = i;
  }
  return { timestamps, values };
}
