import { mannWhitneyU } from "../../src/analysis/mann-whitney-u.js";

/** Relative comparison: simple-statistics' erf is accurate to about 1e-7, so reference p-values match to 1e-6. */
function expectClose(actual: number, expected: number, relative = 1e-6): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(Math.abs(expected), 1e-300));
}

const seq = (length: number, at: (i: number) => number): number[] => Array.from({ length }, (_, i) => at(i));

// R's ?wilcox.test example (“permeability constants”): W = 35.
const rX = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const rY = [1.15, 0.88, 0.9, 0.74, 1.21];
// Tied by hand: pooled ranks 1 | 2.5 2.5 | 5.5×4 | 9×3 | 11.5×2 | 13; rank sum of a = 31.5, U = 31.5 − 28 = 3.5;
// tie groups 2, 4, 3, 2 → Σ t³ − t = 96; σ² = 42/12 · (14 − 96/156) = 46.846; z = (3.5 − 21 + 0.5)/σ = −2.48377.
const tiedA = [1, 2, 2, 3, 3, 3, 4];
const tiedB = [3, 4, 4, 5, 5, 6];
// Multiplicative sequences mod a prime have no repeats; the +x.5 offsets rule out ties between the samples.
const a20 = seq(20, (i) => (i * 7) % 23);
const b25 = seq(25, (i) => ((i * 11) % 29) + 3.5);
const a45 = seq(45, (i) => (i * 13) % 47);
const b48 = seq(48, (i) => ((i * 17) % 53) + 0.5);
const a60 = seq(60, (i) => (i * 37) % 101);
const b55 = seq(55, (i) => ((i * 53) % 103) + 8.5);
const low49 = seq(49, (i) => i);
const high49 = seq(49, (i) => i + 20.5);

// Expected values: R's wilcox.test(a, b, correct = TRUE, exact = …) two-sided; reproduced independently with
// scipy.stats.mannwhitneyu(a, b, alternative="two-sided", use_continuity=True, method="asymptotic" | "exact")
// and z = (U − mn/2 − sign·½) / σ with the tie-corrected σ. The hand-checked rows say so.
describe("mannWhitneyU", () => {
  describe("against reference values", () => {
    it.each([
      // name, a, b, requested method, U, z, p, method used
      ["R doc example, normal (z by hand: 9.5/√66.67)", rX, rY, "normal", 35, 1.1635076278, 0.2446236051, "normal"],
      ["R doc example, exact (R: 2 × 0.1272)", rX, rY, "auto", 35, 1.1635076278, 0.2544122544, "exact"],
      ["ties by hand, normal", tiedA, tiedB, "auto", 3.5, -2.4837732829, 0.0129998544, "normal"],
      ["ties force the normal approximation", tiedA, tiedB, "exact", 3.5, -2.4837732829, 0.0129998544, "normal"],
      // 3 vs 3 fully separated: exact p = 2/C(6,3); z = (0 − 4.5 + 0.5)/√(9·7/12).
      ["3 vs 3 separated, exact", [1, 2, 3], [4, 5, 6], "auto", 0, -1.7457431219, 0.1, "exact"],
      ["3 vs 3 separated, normal", [1, 2, 3], [4, 5, 6], "normal", 0, -1.7457431219, 0.0808555984, "normal"],
      // 8 vs 8 fully separated: exact p = 2/C(16,8); z = (0 − 32 + 0.5)/√(64·17/12).
      ["8 vs 8 separated, exact", seq(8, (i) => i), seq(8, (i) => i + 8), "auto", 0, -3.3081616985, 2 / 12870, "exact"],
      ["20 vs 25, exact", a20, b25, "auto", 154, -2.1813737196, 0.0281367270, "exact"],
      ["20 vs 25, normal", a20, b25, "normal", 154, -2.1813737196, 0.0291557858, "normal"],
      ["45 vs 48, exact near R's limit", a45, b48, "auto", 917, -1.2492610109, 0.2126496795, "exact"],
      ["49 vs 49, exact, far tail", low49, high49, "auto", 406, -5.6415370951, 2.6341334724e-9, "exact"],
      ["49 vs 49, normal, far tail", low49, high49, "normal", 406, -5.6415370951, 1.6853871842e-8, "normal"],
      ["60 vs 55, auto picks normal at n ≥ 50", a60, b55, "auto", 1464, -1.0386006078, 0.2989905230, "normal"],
      ["60 vs 55, exact on request", a60, b55, "exact", 1464, -1.0386006078, 0.3002183383, "exact"],
    ] as const)("%s", (_name, a, b, method, u, z, p, used) => {
      const result = mannWhitneyU([...a], [...b], { method });
      expect(result.u).toBe(u);
      expectClose(result.z, z, 1e-7);
      expectClose(result.pValue, p);
      expect(result.method).toBe(used);
    });
  });

  it.each([
    ["identical constant samples", [5, 5, 5, 5], [5, 5, 5]],
    ["a single value each", [2], [2]],
  ])("gives p = 1 and z = 0 for zero variance: %s", (_name, a, b) => {
    expect(mannWhitneyU(a, b)).toEqual({ u: (a.length * b.length) / 2, z: 0, pValue: 1, method: "normal" });
  });

  it("gives p = 1 when U sits half a step from its mean (continuity correction)", () => {
    // U = 1.5 with mn/2 = 2: the corrected shift is 0.
    const result = mannWhitneyU([1, 3], [2, 3]);
    expect(result).toMatchObject({ u: 1.5, z: 0, pValue: 1 });
  });

  it("is symmetric: swapping the samples mirrors U and z and keeps p", () => {
    const forward = mannWhitneyU(tiedA, tiedB);
    const backward = mannWhitneyU(tiedB, tiedA);
    expect(backward.u).toBe(tiedA.length * tiedB.length - forward.u);
    expect(backward.z).toBeCloseTo(-forward.z, 12);
    expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
  });

  it("does not depend on input order and leaves the inputs untouched", () => {
    const a = [9, 1, 7, 3, 3];
    const b = [4, 8, 2, 6];
    const sorted = mannWhitneyU([1, 3, 3, 7, 9], [2, 4, 6, 8]);
    expect(mannWhitneyU(a, b)).toEqual(sorted);
    expect(a).toEqual([9, 1, 7, 3, 3]);
  });

  it("treats -0 and 0 as one tie group", () => {
    expect(mannWhitneyU([-0, 1], [0, 1])).toMatchObject({ u: 2, pValue: 1 });
  });

  it.each([
    ["an empty first sample", [], [1]],
    ["an empty second sample", [1], []],
    ["NaN", [1, NaN], [2]],
    ["Infinity", [1], [2, Infinity]],
  ])("throws a RangeError on %s", (_name, a, b) => {
    expect(() => mannWhitneyU(a, b)).toThrow(RangeError);
  });
});
