import { serialDependence } from "../../src/analysis/serial-dependence.js";
import type { SeriesSamples } from "../../src/analysis/time-window.js";
import { ar1, createRandomSource, iid, STEP_SECONDS } from "./series-builders.js";

/** Samples one step apart from time 0. */
function window(values: number[], step = STEP_SECONDS): SeriesSamples {
  return { timestamps: values.map((_, i) => i * step), values };
}

/** `count` windows of `length` samples drawn from one continuous generator, as quiet pairs cut from a series. */
function windows(sample: (time: number) => number, count: number, length: number): SeriesSamples[] {
  return Array.from({ length: count }, () => window(Array.from({ length }, (_, i) => sample(i * STEP_SECONDS))));
}

const flat = () => 100;
/** Lag-1 rank (Spearman) correlation of a Gaussian AR(1) with lag-1 correlation ρ: (6/π)·asin(ρ/2). */
const rankRho = (rho: number) => (6 / Math.PI) * Math.asin(rho / 2);

describe("serialDependence", () => {
  describe("on independent samples", () => {
    it.each([1, 2, 3])("estimates ρ ≈ 0 and no inflation (seed %d)", (seed) => {
      const random = createRandomSource(seed);
      const result = serialDependence(windows(iid(random, flat, 5), 14, 60), STEP_SECONDS);
      expect(result.rho).toBeLessThan(0.08);
      expect(result.inflation).toBeLessThan(1.2);
    });
  });

  describe("on AR(1) samples", () => {
    it.each([0.5, 0.8])("estimates ρ = %d from one long series within 0.03 of the rank correlation", (rho) => {
      const random = createRandomSource(7);
      const result = serialDependence(windows(ar1(random, flat, 5, rho), 1, 5000), STEP_SECONDS);
      expect(result.rho).toBeGreaterThan(rankRho(rho) - 0.03);
      expect(result.rho).toBeLessThan(rankRho(rho) + 0.03);
      expect(result.inflation).toBeCloseTo((1 + result.rho) / (1 - result.rho), 12);
    });

    it.each([0.5, 0.8])("removes the short-window bias: ρ = %d from 14 windows of 60 within 0.06", (rho) => {
      const random = createRandomSource(11);
      const result = serialDependence(windows(ar1(random, flat, 5, rho), 14, 60), STEP_SECONDS);
      // Uncorrected, 60-sample windows read about (1 + 4ρ) / 60 lower: 0.05 at ρ = 0.5, 0.07 at ρ = 0.8.
      expect(Math.abs(result.rho - rankRho(rho))).toBeLessThan(0.06);
    });

    it("caps ρ at 0.95, so the inflation stays finite", () => {
      const random = createRandomSource(3);
      const result = serialDependence(windows(ar1(random, flat, 5, 0.999), 4, 60), STEP_SECONDS);
      expect(result.rho).toBe(0.95);
      expect(result.inflation).toBeGreaterThan(1);
      expect(result.inflation).toBeLessThanOrEqual(39);
    });

    it("inflates a moving average like rate(x[5m]) by about its true τ, not by the AR(1) figure", () => {
      // The mean of the last 10 independent increments: ρₖ = 1 − k/10, so τ = 1 + 2 Σ ρₖ = 10, while the AR(1)
      // formula on its lag-1 correlation (0.9) says 19.
      const random = createRandomSource(17);
      const increments = Array.from({ length: 14 * 60 + 9 }, () => random.normal());
      const rate = (i: number) => increments.slice(i, i + 10).reduce((sum, x) => sum + x, 0) / 10;
      const cut = Array.from({ length: 14 }, (_, w) => window(Array.from({ length: 60 }, (_, i) => rate(w * 60 + i))));
      const result = serialDependence(cut, STEP_SECONDS);
      expect(result.rho).toBeGreaterThan(0.85);
      expect(result.inflation).toBeGreaterThan(10);
      expect(result.inflation).toBeLessThan(18);
    });
  });

  describe("with gaps", () => {
    it("does not pair samples that are not one step apart", () => {
      // Ranks 1 … 6 then 6 … 1, strongly dependent when paired one after another; with a gap after every sample
      // no pair is adjacent, so there is nothing to estimate from.
      const values = [1, 2, 3, 4, 5, 6, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5];
      expect(serialDependence([window(values)], STEP_SECONDS).rho).toBeGreaterThan(0.5);
      expect(serialDependence([window(values, 2 * STEP_SECONDS)], STEP_SECONDS)).toEqual({ rho: 0, inflation: 1 });
    });

    it("is not dragged toward 0 when 30 % of the samples are missing at random", () => {
      const random = createRandomSource(21);
      const full = windows(ar1(random, flat, 5, 0.9), 14, 60);
      const holed = full.map((w) => {
        const keep = w.values.map(() => random.uniform() >= 0.3);
        return { timestamps: w.timestamps.filter((_, i) => keep[i]), values: w.values.filter((_, i) => keep[i]) };
      });
      const complete = serialDependence(full, STEP_SECONDS).rho;
      expect(Math.abs(serialDependence(holed, STEP_SECONDS).rho - complete)).toBeLessThan(0.06);
    });

    it("pairs every neighbour when the step is unknown", () => {
      const values = [1, 2, 3, 4, 5, 6, 6.5, 5.5, 4.5, 3.5, 2.5, 1.5];
      expect(serialDependence([window(values, 2 * STEP_SECONDS)]).rho).toBeGreaterThan(0.5);
    });

    it("still sees dependence across a single hole in an AR(1) window", () => {
      const random = createRandomSource(5);
      const series = windows(ar1(random, flat, 5, 0.8), 1, 3000)[0]!;
      const holed = {
        timestamps: [...series.timestamps.slice(0, 1000), ...series.timestamps.slice(1500)],
        values: [...series.values.slice(0, 1000), ...series.values.slice(1500)],
      };
      expect(Math.abs(serialDependence([holed], STEP_SECONDS).rho - rankRho(0.8))).toBeLessThan(0.04);
    });
  });

  it("does not mistake a level shift between windows for dependence", () => {
    const random = createRandomSource(9);
    const before = windows(iid(random, flat, 1), 1, 60)[0]!;
    const after = windows(iid(random, () => 150, 1), 1, 60)[0]!;
    expect(serialDependence([before, after], STEP_SECONDS).rho).toBeLessThan(0.1);
  });

  it("sees a trend within a window as dependence (ranks follow time)", () => {
    const rising = window(Array.from({ length: 60 }, (_, i) => i));
    expect(serialDependence([rising], STEP_SECONDS).rho).toBe(0.95);
  });

  describe("when there is nothing to estimate from", () => {
    it.each([
      ["no windows", []],
      ["windows under 3 samples", [window([1, 2]), window([5])]],
      ["constant windows", [window([3, 3, 3, 3, 3]), window([7, 7, 7, 7])]],
    ])("answers ρ = 0 and inflation 1 for %s", (_, input) => {
      expect(serialDependence(input as SeriesSamples[], STEP_SECONDS)).toEqual({ rho: 0, inflation: 1 });
    });

    it("ignores a constant window next to a varying one for the correlation", () => {
      const random = createRandomSource(13);
      const varying = windows(iid(random, flat, 1), 1, 60)[0]!;
      const constant = window(Array.from({ length: 60 }, () => 4));
      expect(serialDependence([varying, constant], STEP_SECONDS).rho).toBeLessThan(0.1);
    });
  });
});
