import type { DetectorInput } from "../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";
import { metricPolicy } from "../helpers/metric-policy.js";
import { calibrateCutoff } from "./detection/calibrate-cutoff.js";
import { measureFixedRatio, STOCK_ALERT_RATIO } from "./detection/fixed-ratio.js";
import { referenceSamples, referenceVerdict, type ReferenceScore } from "./detection/reference-score.js";
import { measureWelchTTest, welchCutoff } from "./detection/welch-t-test.js";

const policy = (overrides: Partial<MetricPolicy> = {}): MetricPolicy => metricPolicy({ threshold: { kind: "relative", value: 0.05 }, minSamples: 3, ...overrides });
const samples = (values: number[]) => ({ timestamps: values.map((_, k) => 1000 + 30 * k), values });
const windows = (baseline: number[], candidate: number[]): DetectorInput => ({
  baseline: samples(baseline),
  candidate: samples(candidate),
});
const constant = (value: number, n = 10) => Array.from({ length: n }, () => value);

describe("detection benchmark reference detectors", () => {
  describe("Welch's t-test", () => {
    // ClickHouse's welchTTest documentation works this example: t = 2.7988719532211235, p = 0.051807360348581945
    // (R's t.test(x, y) agrees); by hand: means 21.433 and 19.4, variances 0.9733 and 0.5900, df ≈ 3.80.
    const input = windows([18.9, 20.3, 19], [20.3, 22.1, 21.9]);

    it("gives the documented two-sided p-value", () => {
      const score = measureWelchTTest(input, policy());
      expect(score.measured && Math.exp(-score.strength)).toBeCloseTo(0.051807360348581945, 9);
      expect(score).toMatchObject({ measured: true, up: true, beyond: true });
    });

    it.each([
      [0.05, "lower", "no-change"],
      [0.06, "lower", "regression"],
      [0.06, "higher", "improvement"],
    ] as const)("at α = %d with better %s → %s", (alpha, better, verdict) => {
      expect(referenceVerdict(measureWelchTTest(input, policy({ better })), welchCutoff(alpha), better)).toBe(verdict);
    });

    it("is no change when the means move less than the threshold, however significant", () => {
      const score = measureWelchTTest(windows([100, 100.1, 99.9, 100], [104, 104.1, 103.9, 104]), policy());
      expect(score).toMatchObject({ measured: true, beyond: false });
      expect(referenceVerdict(score, welchCutoff(0.05), "lower")).toBe("no-change");
    });

    it("is inconclusive with fewer than minSamples samples", () => {
      expect(measureWelchTTest(input, policy({ minSamples: 4 }))).toEqual({ measured: false });
    });
  });

  describe("fixed ratio", () => {
    it.each([
      [250, "lower", "regression"],
      [250, "higher", "improvement"],
      [40, "lower", "improvement"],
      [40, "higher", "regression"],
      [150, "lower", "no-change"],
    ] as const)("100 → %d with better %s at the stock 200 %% → %s", (after, better, verdict) => {
      const score = measureFixedRatio(windows(constant(100), constant(after)), policy({ better }));
      expect(referenceVerdict(score, STOCK_ALERT_RATIO, better)).toBe(verdict);
    });

    it("compares the window means: 100 → 150 is a ratio of 1.5", () => {
      const score = measureFixedRatio(windows([90, 110], [140, 160]), policy({ minSamples: 2 }));
      expect(score).toEqual({ measured: true, up: true, beyond: true, strength: 1.5 });
      expect(referenceVerdict(score, 1.4, "lower")).toBe("regression");
    });

    it("reads both means 0 as a ratio of 1", () => {
      expect(measureFixedRatio(windows(constant(0), constant(0)), policy())).toMatchObject({ strength: 1, beyond: false });
    });
  });

  it("gives references a counter as its per-second rate, a drop read as a reset", () => {
    expect(referenceSamples(samples([100, 130, 190, 15, 45]), "counter")).toEqual([1, 2, 0.5, 1]);
    expect(referenceSamples(samples([100, 130]), "gauge")).toEqual([100, 130]);
  });

  describe("calibration", () => {
    const quiet = (strengths: number[], beyond = true): ReferenceScore[] =>
      strengths.map((strength) => ({ measured: true, up: true, beyond, strength }));

    it("picks the cut-off that flags at most the given share of quiet series", () => {
      const scores = quiet(Array.from({ length: 100 }, (_, k) => k + 1));
      const cutoff = calibrateCutoff(scores, 0.05);
      expect(cutoff).toBe(95);
      expect(scores.filter((s) => referenceVerdict(s, cutoff, "lower") !== "no-change")).toHaveLength(5);
    });

    it("counts every quiet series in the rate, but only those beyond the threshold as flaggable", () => {
      const scores = [...quiet([5, 4, 3]), ...quiet([9, 9, 9], false), { measured: false as const }];
      expect(calibrateCutoff(scores, 0.15)).toBe(4);
      expect(calibrateCutoff(scores, 0.5)).toBe(0);
    });
  });
});
