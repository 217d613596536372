import { compareWindows } from "../../src/analysis/compare-windows.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";
import { metricPolicy } from "../helpers/metric-policy.js";

const policy = (overrides: Partial<MetricPolicy> = {}): MetricPolicy => metricPolicy({ threshold: { kind: "relative", value: 0.05 }, ...overrides });
const seq = (length: number, at: (i: number) => number): number[] => Array.from({ length }, (_, i) => at(i));
/** Strong autocorrelation, as a trend inside a window shows it: 60 samples worth about 1.6. */
const capped = { dependence: { rho: 0.95, inflation: 39 } };

describe("compareWindows on real-world shapes", () => {
  describe("when the windows do not overlap at all", () => {
    // A smooth climb inside each window, and a level that jumps from about 0.255 to 2.78 between them.
    const before = seq(30, (i) => 0.1 + (0.3 * i) / 29);
    const after = seq(30, (i) => 2.5 + (0.6 * i) / 29);

    it.each([
      ["up", before, after, "regression"],
      ["down", after, before, "improvement"],
    ])("is never no-change for a jump %s that the autocorrelation correction dilutes", (_, a, b, verdict) => {
      const result = compareWindows(a, b, policy(), capped);
      expect(result.verdict).toBe(verdict);
      expect(result.test).toMatch(/^full separation of the windows/);
      expect(result.pValue).toBeCloseTo(2 / 1.1826458156486e17, 25);
    });

    it("leaves Yuen's test in charge when it is significant on its own", () => {
      const result = compareWindows(before, after, policy());
      expect(result.test).toBe("Yuen's trimmed-mean t-test");
    });

    it.each([
      ["within the threshold", seq(30, (i) => 100 + i / 100), seq(30, (i) => 101 + i / 100), "within threshold"],
      ["within the noise", seq(30, (i) => 100 + i / 100), seq(30, (i) => 110 + i / 100), "within this metric's noise"],
    ])("is still no-change %s", (_, a, b, reason) => {
      const noise = { absolute: 10, relative: 0.1, windows: 6 };
      const result = compareWindows(a, b, policy(), { ...capped, noise });
      expect(result.verdict).toBe("no-change");
      expect(result.reason).toContain(reason);
    });

    it("does not apply to overlapping windows", () => {
      const result = compareWindows(before, [...after.slice(1), 0.2], policy(), capped);
      expect(result.test).toBe("Yuen's trimmed-mean t-test, corrected for autocorrelation");
    });
  });

  describe("with a baseline median near 0", () => {
    const around = (centre: number) => seq(40, (i) => centre + [-3, -1, 1, 3][i % 4]!);

    it.each([
      // Baseline IQR 3: a median of 0.23 is too close to 0 for a percentage.
      ["a sign flip", 0.23, -4, "spread", 3],
      ["a median of exactly 0", 0, 3, "spread", 3],
      ["a median beyond half the spread", 2.5, 6, "median", 2.5],
    ])("measures %s against the right scale", (_, from, to, of, value) => {
      const result = compareWindows(around(from), around(to), policy());
      expect(result.explanation.relativeTo).toEqual({ of, value });
      if (of === "spread") expect(result.reason).toContain("of the baseline's interquartile range (3;");
      else expect(result.reason).toMatch(/^change \+140 % beyond threshold/);
    });

    it("is no-change for a move within the threshold of the spread", () => {
      const result = compareWindows(around(0.1), around(0.15), policy());
      expect(result.verdict).toBe("no-change");
      expect(result.reason).toContain("within threshold 5 %");
    });

    it("has no relative scale for an absolute threshold", () => {
      const result = compareWindows(around(0), around(3), policy({ threshold: { kind: "absolute", value: 1 } }));
      expect(result.explanation.relativeTo).toBeNull();
    });
  });

  describe("with quantised values", () => {
    /** A CPU gauge on a 0.2 grid: counts of 5.84, 6.04 and 6.24 in a window of 60. */
    const grid = (low: number, mid: number, high: number) => [
      ...seq(low, () => 5.84),
      ...seq(mid, () => 6.04),
      ...seq(high, () => 6.24),
    ];

    it.each([
      // Even windows whose median sits between two grid values move by half a step.
      ["half a step", grid(10, 20, 30), grid(10, 30, 20), 0.1, "no-change"],
      // One step with the windows overlapping: Cliff's δ −0.44, a hop between neighbours rather than a new level.
      ["one step, overlapping", grid(10, 20, 30), grid(30, 20, 10), 0.2, "no-change"],
      // One step with the windows clearly apart: δ −0.86.
      ["one step, clearly apart", grid(0, 10, 50), grid(10, 50, 0), 0.2, "improvement"],
      ["two steps", grid(0, 10, 50), grid(50, 10, 0), 0.4, "improvement"],
    ])("judges a median move of %s against the grid step", (_, before, after, size, verdict) => {
      const result = compareWindows(before, after, policy({ threshold: { kind: "relative", value: 0 } }));
      expect(Math.abs(result.changeAbs!)).toBeCloseTo(size, 9);
      expect(result.explanation.quantum).toBeCloseTo(0.2, 9);
      expect(result.verdict).toBe(verdict);
    });

    it.each([
      ["half a step", grid(10, 20, 30), grid(10, 30, 20), "change -0.1 smaller than one step (0.2) of the values' grid"],
      [
        "one step, overlapping",
        grid(10, 20, 30),
        grid(30, 20, 10),
        "change -0.2 is one step of the values' grid (0.2) and the windows overlap too much (Cliff's δ -0.44, needs ±0.6)",
      ],
      // The test alone would flag it: p < 0.01.
    ])("says why a move of %s on a grid does not count", (_, before, after, reason) => {
      const result = compareWindows(before, after, policy({ threshold: { kind: "relative", value: 0 } }));
      expect(result.verdict).toBe("no-change");
      expect(result.reason).toContain(reason);
    });

    it("does not call a continuous metric quantised", () => {
      const result = compareWindows(seq(60, (i) => 100 + i / 7), seq(60, (i) => 101 + i / 7), policy());
      expect(result.explanation.quantum).toBeNull();
    });
  });
});
