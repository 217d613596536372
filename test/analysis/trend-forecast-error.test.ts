import type { SeriesSamples } from "../../src/analysis/time-window.js";
import { trendForecastError } from "../../src/analysis/trend-forecast-error.js";

/** Samples every 30 s from `start` (unix seconds), one per value. */
const samples = (start: number, values: number[]): SeriesSamples => ({ timestamps: values.map((_, i) => start + 30 * i), values });
const line = (start: number, count: number, shift = 0) =>
  samples(start, Array.from({ length: count }, (_, i) => 10 + 0.01 * (start + 30 * i) + shift));

describe("trendForecastError", () => {
  it.each([
    ["0 for a straight line that carries on", 0],
    ["the step for a line that jumps between the windows", 5],
    ["a negative step", -3],
  ])("is %s", (_, shift) => {
    expect(trendForecastError(line(0, 60), line(2400, 60, shift))).toBeCloseTo(shift, 9);
  });

  it("ignores non-finite samples and takes the candidate's median, so a spike does not move it", () => {
    const baseline = line(0, 60);
    baseline.values[7] = Number.NaN;
    const candidate = line(2400, 61, 2);
    candidate.values[60] = 1e9;
    // The spike replaces the largest value: the median is still the line at the middle time (3300 s), plus 2.
    expect(trendForecastError(baseline, candidate)).toBeCloseTo(2, 9);
  });

  it("is null with fewer than 3 baseline samples or no candidate sample", () => {
    expect(trendForecastError(line(0, 2), line(2400, 60))).toBeNull();
    expect(trendForecastError(line(0, 60), samples(2400, []))).toBeNull();
  });
});
