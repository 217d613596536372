import { compareWindows } from "../../src/analysis/compare-windows.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";
import { metricPolicy } from "../helpers/metric-policy.js";

const policy = (overrides: Partial<MetricPolicy> = {}): MetricPolicy => metricPolicy(overrides);
const seq = (length: number, at: (i: number) => number): number[] => Array.from({ length }, (_, i) => at(i));

// 30 values 100 … 102.9, median 101.45; copies scaled by ≥ 5 % are fully separated from it, so p ≈ 3e-11.
const baseline = seq(30, (i) => 100 + i / 10);
const scaled = (factor: number): number[] => baseline.map((v) => v * factor);

describe("compareWindows", () => {
  describe("when the change is large and significant", () => {
    it.each([
      ["lower", 1.3, "regression"],
      ["lower", 0.7, "improvement"],
      ["higher", 1.3, "improvement"],
      ["higher", 0.7, "regression"],
    ] as const)("better %s, candidate × %d → %s", (better, factor, verdict) => {
      const result = compareWindows(baseline, scaled(factor), policy({ better }));
      expect(result.verdict).toBe(verdict);
      expect(result.changePct).toBeCloseTo((factor - 1) * 100, 10);
      expect(result.changeAbs).toBeCloseTo(101.45 * (factor - 1), 10);
      expect(result.pValue).toBeLessThan(1e-6);
      const moved = factor > 1 ? "\\+30" : "-30";
      expect(result.reason).toMatch(new RegExp(`^change ${moved} % beyond threshold 10 %; p = .* < 0\\.01$`));
      expect(result).toMatchObject({
        test: "Yuen's trimmed-mean t-test",
        baseline: { n: 30, median: 101.45 },
        candidate: { n: 30 },
      });
    });
  });

  describe("with an absolute threshold", () => {
    // Integers 100, 101, 102 (median 101): every shift below is exact and fully separates the windows.
    const ints = seq(30, (i) => 100 + (i % 3));
    const absolute = policy({ threshold: { kind: "absolute", value: 5 } });
    it.each([
      [8, "regression", /^change \+8 beyond threshold 5; p = .* < 0\.01$/],
      [-8, "improvement", /^change -8 beyond threshold 5; p = .* < 0\.01$/],
      [3, "no-change", /^change \+3 within threshold 5$/],
      [5, "no-change", /^change \+5 within threshold 5$/],
      [-5, "no-change", /^change -5 within threshold 5$/],
    ] as const)("shift %d → %s", (shift, verdict, reason) => {
      const result = compareWindows(ints, ints.map((v) => v + shift), absolute);
      expect(result).toMatchObject({ verdict, changeAbs: shift });
      expect(result.pValue).toBeLessThan(0.01);
      expect(result.reason).toMatch(reason);
    });
  });

  describe("when a condition fails", () => {
    it("is no-change when significant but within the threshold", () => {
      const result = compareWindows(baseline, scaled(1.05), policy());
      expect(result.pValue).toBeLessThan(0.01);
      expect(result).toMatchObject({ verdict: "no-change", reason: "change +5.0 % within threshold 10 %" });
    });

    it("is no-change when the change is big but tiny samples make it insignificant", () => {
      // 3 vs 3 is too few to trim: Welch's test, p = 0.0878746 (scipy.stats.ttest_ind(equal_var=False, trim=0.2)).
      const result = compareWindows([1, 2, 3], [10, 20, 30], policy({ minSamples: 3 }));
      expect(result).toMatchObject({ verdict: "no-change", changePct: 900 });
      expect(result.pValue).toBeCloseTo(0.0878746, 6);
      expect(result.reason).toBe("not significant: p = 0.088 ≥ 0.01");
    });

    it("names both failures when neither holds", () => {
      const result = compareWindows([1, 2, 3], [1.01, 2.01, 3.01], policy({ minSamples: 3 }));
      expect(result.verdict).toBe("no-change");
      expect(result.reason).toBe("change +0.5 % within threshold 10 %; not significant: p = 0.99 ≥ 0.01");
    });

    it("is no-change when the medians and the trimmed means point in opposite directions", () => {
      // Baseline 0 … 39 (median 19.5). Candidate: 19 far-low values and 21 just above 19.5, so its median
      // rises by 0.1 while its trimmed mean falls clearly (t = −3.31, p = 0.0029 by scipy's Yuen test).
      const candidate = [...seq(19, (i) => -100 - i), ...seq(21, (i) => 19.6 + i / 1000)];
      const tight = policy({ threshold: { kind: "absolute", value: 0.01 } });
      const result = compareWindows(seq(40, (i) => i), candidate, tight);
      expect(result.changeAbs).toBeGreaterThan(0.01);
      expect(result.pValue).toBeLessThan(0.01);
      expect(result).toMatchObject({ verdict: "no-change", reason: "medians and trimmed means disagree on the direction" });
    });

    it("is no-change with p = 1 for identical windows", () => {
      const result = compareWindows(baseline, [...baseline].reverse(), policy());
      expect(result).toMatchObject({ verdict: "no-change", changeAbs: 0, changePct: 0, pValue: 1 });
      expect(result.reason).toBe("median unchanged at 101.5");
    });
  });

  describe("with a zero baseline median and a relative threshold", () => {
    const zeros = [...seq(20, () => 0), ...seq(10, () => 1)];

    it("measures a move away from 0 against the baseline's interquartile range, and says so", () => {
      const result = compareWindows(zeros, seq(30, (i) => 5 + i / 10), policy());
      expect(result).toMatchObject({ verdict: "regression", changePct: null, changeAbs: 6.45 });
      expect(result.explanation.relativeTo).toEqual({ of: "spread", value: 1 });
      expect(result.reason).toMatch(
        /^change \+645 % of the baseline's interquartile range \(1; median 0 is too close to 0 for a percentage\) beyond threshold 10 %; p = .* < 0\.01$/,
      );
    });

    it("measures a move from a flat 0 against the mean size of both windows' values", () => {
      const result = compareWindows(seq(30, () => 0), seq(30, (i) => 5 + i / 10), policy());
      expect(result.explanation.relativeTo).toEqual({ of: "magnitude", value: expect.closeTo(3.225, 9) });
      expect(result.reason).toMatch(/^change \+200 % of the values' mean size \(3\.225; .*\) beyond threshold 10 %; p = .* < 0\.01$/);
    });

    it("is no-change for a move within the threshold of the values' mean size", () => {
      // Median and IQR 0 before; 3 of 60 samples at 1 after: the trimmed means hold, the median holds.
      const result = compareWindows(seq(60, (i) => (i % 20 === 0 ? 1 : 0)), seq(60, (i) => (i % 15 === 0 ? 1 : 0)), policy());
      expect(result.verdict).toBe("no-change");
    });

    it("still runs the test when both medians are 0, on the trimmed means", () => {
      // 10 of 60 samples at 1 before, 25 of 60 after: the medians stay 0, the trimmed means move 0 → 0.36.
      const before = seq(60, (i) => (i < 10 ? 1 : 0));
      const after = seq(60, (i) => (i < 25 ? 1 : 0));
      const result = compareWindows(before, after, policy());
      expect(result).toMatchObject({ verdict: "regression", changeAbs: 0 });
      expect(result.pValue).toBeLessThan(0.01);
      expect(result.explanation.relativeTo).toEqual({ of: "magnitude", value: expect.closeTo(35 / 120, 9) });
      expect(result.reason).toMatch(/^change \+124 % of the trimmed means \(medians both 0\) of the values' mean size/);
      const quiet = compareWindows(before, [...before].reverse(), policy());
      expect(quiet).toMatchObject({ verdict: "no-change", reason: "median unchanged at 0", pValue: 1 });
    });

    it("is no-change when the candidate median is 0 too", () => {
      const result = compareWindows(zeros, zeros, policy());
      expect(result).toMatchObject({ verdict: "no-change", changePct: null, changeAbs: 0 });
      expect(result.reason).toBe("median unchanged at 0");
    });
  });

  describe("when data is missing or unreadable", () => {
    it("ignores NaN and ±Infinity and reaches the same verdict", () => {
      const noisy = [NaN, ...scaled(1.3), Infinity, -Infinity];
      const result = compareWindows([...baseline, NaN], noisy, policy());
      expect(result).toEqual(compareWindows(baseline, scaled(1.3), policy()));
    });

    it.each([
      [[1, 2, 3], [], "baseline has 3 samples, candidate 0; at least 10 needed"],
      [[7], seq(12, (i) => i), "baseline has 1 sample, candidate 12; at least 10 needed"],
      [
        seq(12, (i) => i),
        [1, NaN, Infinity],
        "baseline has 12 samples, candidate 1; at least 10 needed (2 non-finite values ignored)",
      ],
      [[], [], "no data"],
      [[NaN, NaN], [Infinity], "no data (3 non-finite values ignored)"],
    ])("is inconclusive for %j vs %j", (before, after, reason) => {
      const result = compareWindows(before, after, policy());
      expect(result).toMatchObject({ verdict: "inconclusive", reason, pValue: null });
    });

    it("still reports the medians it has", () => {
      const result = compareWindows([1, 2, 3], [4, 5], policy());
      expect(result).toMatchObject({
        verdict: "inconclusive",
        baseline: { n: 3, median: 2 },
        candidate: { n: 2, median: 4.5 },
        changeAbs: 2.5,
        changePct: 125,
      });
    });

    it("leaves the change empty when a window is empty", () => {
      const result = compareWindows([1, 2, 3], [], policy());
      expect(result).toMatchObject({ candidate: { n: 0, median: null }, changeAbs: null, changePct: null });
    });

    it("needs two values per window even when minSamples is 0", () => {
      expect(compareWindows([1, 2], [3], policy({ minSamples: 0 }))).toMatchObject({
        verdict: "inconclusive",
        reason: "baseline has 2 samples, candidate 1; at least 2 needed",
      });
    });
  });
});
