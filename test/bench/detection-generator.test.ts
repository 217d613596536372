import { mean, sampleCorrelation, standardDeviation } from "simple-statistics";
import { generateCase, planCases, THRESHOLD } from "./detection/cases.js";
import { createRandomSource } from "./detection/random-source.js";
import type { Shape } from "./detection/shape.js";
import { shapes } from "./detection/shapes.js";
import { cutWindows, DEPLOYED_AT, FIRST_INDEX, SERIES_LENGTH } from "./detection/windows.js";

const shape = (name: string): Shape => shapes.find((s) => s.name === name)!;
/** Quiet series of one shape drawn back to back from one seeded stream. */
const quietSeries = (name: string, count: number, seed = 7): number[][] => {
  const random = createRandomSource(seed);
  return Array.from({ length: count }, () => shape(name).generate(random, 0));
};
const pooled = (series: number[][]) => series.flat().filter((v) => !Number.isNaN(v));
/** Lag-1 autocorrelation pooled over series (pairs never straddle two series). */
const lag1 = (series: number[][]) =>
  sampleCorrelation(series.flatMap((s) => s.slice(0, -1)), series.flatMap((s) => s.slice(1)));

describe("detection benchmark generator", () => {
  describe("noise shapes, on 40 seeded quiet series each", () => {
    it.each([
      ["AR(1) ρ=0.5", 0.5],
      ["AR(1) ρ=0.8", 0.8],
      ["AR(1) ρ=0.9", 0.9],
    ])("%s has marginal sd σ and lag-1 autocorrelation ρ", (name, rho) => {
      const series = quietSeries(name, 40);
      expect(standardDeviation(pooled(series)) / shape(name).sigma).toBeCloseTo(1, 1);
      expect(Math.abs(lag1(series) - rho)).toBeLessThan(0.02);
      expect(mean(pooled(series))).toBeCloseTo(shape(name).level, 0);
    });

    it("iid noise is uncorrelated with sd σ", () => {
      const series = quietSeries("iid 5 %", 40);
      expect(standardDeviation(pooled(series))).toBeCloseTo(5, 1);
      expect(Math.abs(lag1(series))).toBeLessThan(0.02);
    });

    it("rate(x[5m]) is a 10-sample moving average: sd as stated, lag-1 autocorrelation 0.9", () => {
      const series = quietSeries("rate(x[5m])", 40);
      expect(standardDeviation(pooled(series)) / shape("rate(x[5m])").sigma).toBeCloseTo(1, 1);
      expect(mean(pooled(series))).toBeCloseTo(1, 2);
      expect(Math.abs(lag1(series) - 0.9)).toBeLessThan(0.02);
    });

    it.each(["latency, 3 req/sample", "error ratio, 20 req/sample"])("%s has the stated level and σ", (name) => {
      const values = pooled(quietSeries(name, 40));
      expect(mean(values) / shape(name).level).toBeCloseTo(1, 1);
      expect(standardDeviation(values) / shape(name).sigma).toBeCloseTo(1, 1);
    });

    it("latency series miss the samples without requests, e^−3 ≈ 5 % of them", () => {
      const missing = quietSeries("latency, 3 req/sample", 40).flat().filter(Number.isNaN).length;
      expect(missing / (40 * SERIES_LENGTH)).toBeCloseTo(Math.exp(-3), 2);
    });

    it("a counter grows at its rate with exactly one reset near the deployment", () => {
      for (const values of quietSeries("counter (total)", 20)) {
        const increases = values.slice(1).map((v, k) => v - values[k]!);
        const drops = increases.flatMap((d, k) => (d < 0 ? [k + 1 + FIRST_INDEX] : []));
        expect(drops).toHaveLength(1);
        expect(drops[0]).toBeGreaterThanOrEqual(-60);
        expect(drops[0]).toBeLessThan(80);
        const rates = increases.filter((d) => d >= 0).map((d) => d / 30);
        expect(mean(rates)).toBeCloseTo(10, 0);
        expect(standardDeviation(rates) / shape("counter (total)").sigma).toBeCloseTo(1, 0);
      }
    });
  });

  describe("gaps", () => {
    it("scattered gaps remove 20–30 % of each series, and the windows leave them out", () => {
      for (const values of quietSeries("gaps 20–30 %", 20)) {
        const share = values.filter(Number.isNaN).length / SERIES_LENGTH;
        expect(share).toBeGreaterThanOrEqual(0.2 - 1 / SERIES_LENGTH);
        expect(share).toBeLessThanOrEqual(0.3 + 1 / SERIES_LENGTH);
        const { baseline, candidate } = cutWindows(values);
        expect(baseline.values.every(Number.isFinite)).toBe(true);
        expect(baseline.values.length).toBe(values.slice(-60 - FIRST_INDEX, -FIRST_INDEX).filter((v) => !Number.isNaN(v)).length);
        expect(candidate.timestamps).toHaveLength(candidate.values.length);
      }
    });

    it("an outage is one block of 20–40 samples inside the baseline or the candidate window", () => {
      for (const values of quietSeries("outage 10–20 min", 20)) {
        const missing = values.flatMap((v, j) => (Number.isNaN(v) ? [j + FIRST_INDEX] : []));
        expect(missing.length).toBeGreaterThanOrEqual(20);
        expect(missing.length).toBeLessThanOrEqual(40);
        expect(missing.at(-1)! - missing[0]!).toBe(missing.length - 1);
        const inBaseline = missing[0]! >= -60 && missing.at(-1)! < 0;
        const inCandidate = missing[0]! >= 20 && missing.at(-1)! < 80;
        expect(inBaseline || inCandidate).toBe(true);
      }
    });
  });

  describe("windows", () => {
    it("cuts the app's default geometry and six earlier pairs of the same shape, oldest first", () => {
      const input = cutWindows(Array.from({ length: SERIES_LENGTH }, (_, j) => j));
      expect(input.baseline.timestamps[0]).toBe(DEPLOYED_AT - 1800);
      expect(input.baseline.timestamps.at(-1)).toBe(DEPLOYED_AT - 30);
      expect(input.candidate.timestamps[0]).toBe(DEPLOYED_AT + 600);
      expect(input.candidate.timestamps.at(-1)).toBe(DEPLOYED_AT + 2370);
      expect(input.stepSeconds).toBe(30);
      expect(input.windowSeconds).toBe(1800);
      const history = input.history!;
      expect(history).toHaveLength(6);
      for (const pair of [...history, input]) {
        expect(pair.baseline.values).toHaveLength(60);
        expect(pair.candidate.timestamps[0]! - pair.baseline.timestamps[0]!).toBe(2400);
      }
      const starts = history.map((pair) => pair.baseline.timestamps[0]!);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(history.at(-1)!.candidate.timestamps.at(-1)).toBe(DEPLOYED_AT - 1800 - 30);
    });
  });

  describe("cases", () => {
    it("the same seed gives the same cases", () => {
      const plan = planCases("evaluation", 0.05);
      const draw = () => {
        const random = createRandomSource(42);
        return plan.slice(0, 40).map((planned) => generateCase(planned, random));
      };
      expect(draw()).toEqual(draw());
    });

    it("a step moves the level by the labelled amount from the deployment on", () => {
      const planned = planCases("evaluation", 1).find(
        (c) => c.label.shape === "iid 1 %" && c.label.step?.percent === 20 && c.label.step.direction === "down",
      )!;
      expect(planned.label).toMatchObject({ step: { sigmas: 20 }, positive: true });
      const random = createRandomSource(3);
      const { input } = generateCase(planned, random);
      expect(mean(input.candidate.values) - mean(input.baseline.values)).toBeCloseTo(-20, 0);
      for (const pair of input.history!) {
        expect(Math.abs(mean(pair.candidate.values) - mean(pair.baseline.values))).toBeLessThan(1);
      }
    });

    it("labels steps beyond 5 % positive, with the verdict a right answer gives", () => {
      const labels = planCases("evaluation", 0.1).map((c) => c.label);
      for (const label of labels) {
        if (label.step === null) {
          expect(label).toMatchObject({ positive: false, expected: null });
          continue;
        }
        expect(label.positive).toBe(label.step.percent > THRESHOLD * 100 + 1e-9);
        const worse = (label.step.direction === "up") === (label.better === "lower");
        expect(label.expected).toBe(label.positive ? (worse ? "regression" : "improvement") : null);
      }
      const iid5 = labels.filter((l) => l.shape === "iid 5 %" && l.step?.sigmas === 1);
      expect(iid5.length).toBeGreaterThan(0);
      expect(iid5.every((l) => !l.positive)).toBe(true);
      expect(new Set(labels.map((l) => l.better))).toEqual(new Set(["lower", "higher"]));
    });

    it("never steps a rate, latency or ratio to zero or below", () => {
      for (const { shape: s, shift } of planCases("evaluation", 0.1)) {
        if (s.positiveOnly) expect(s.level + shift).toBeGreaterThan(0);
      }
    });
  });
});
