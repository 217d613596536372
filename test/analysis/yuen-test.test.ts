import { yuenTest } from "../../src/analysis/yuen-test.js";

// Reference values: scipy 1.17, `from scipy import stats; r = stats.ttest_ind(a, b, equal_var=False, trim=0.2)`,
// printing r.statistic, r.pvalue and r.df for each pair below (a and b as written in the row): `scipy` is that line as
// printed. The difference is `stats.trim_mean(a, 0.2) - stats.trim_mean(b, 0.2)`.
const rows = [
  {
    name: "a plain shift of two",
    a: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    b: [3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
    difference: -2,
    scipy: "-1.1881770515720091 0.2622164973232789 10.0",
  },
  {
    name: "a spike of 500 among values near 10 (trimmed away, winsorized to 12)",
    a: [10, 11, 9, 10, 12, 10, 11, 9, 10, 500],
    b: [12, 13, 11, 12, 14, 12, 13, 11, 12, 13],
    difference: -2,
    scipy: "-5.0 0.0005373336027564527 10.0",
  },
  {
    name: "unequal sizes (7 and 13)",
    a: [5.1, 4.9, 5.3, 5.0, 4.8, 5.2, 5.1],
    b: [5.6, 5.9, 5.4, 6.1, 5.7, 5.8, 5.5, 6.0, 5.6, 5.9, 5.7, 5.8, 6.2],
    difference: -0.7177777777777772,
    scipy: "-7.459529425433257 1.827940977384609e-05 10.303845539857084",
  },
  {
    name: "heavy ties (integers 1 … 4)",
    a: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3],
    b: [2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4],
    difference: -1.0833333333333335,
    scipy: "-1.7884855354436122 0.10352533579267968 10.154139468752017",
  },
  {
    name: "one constant sample against a varying one",
    a: [7, 7, 7, 7, 7],
    b: [6, 7, 8, 9, 10],
    difference: -1,
    scipy: "-1.224744871391589 0.3453463292920228 2.0",
  },
];

describe("yuenTest", () => {
  describe("without variance inflation", () => {
    it.each(rows)("matches scipy for $name", ({ a, b, difference, scipy }) => {
      const [t, pValue, df] = scipy.split(" ").map(Number) as [number, number, number];
      const result = yuenTest(a, b);
      expect(result.difference).toBeCloseTo(difference, 12);
      expect(result.t).toBeCloseTo(t, 10);
      expect(result.df).toBeCloseTo(df, 10);
      expect(Math.abs(result.pValue - pValue) / pValue).toBeLessThan(1e-6);
    });

    it("is antisymmetric: swapping the samples flips t and the difference, not p", () => {
      const { a, b } = rows[2]!;
      const forward = yuenTest(a, b);
      const backward = yuenTest(b, a);
      expect(backward.t).toBeCloseTo(-forward.t, 12);
      expect(backward.difference).toBeCloseTo(-forward.difference, 12);
      expect(backward.pValue).toBeCloseTo(forward.pValue, 12);
    });
  });

  describe("with constant samples (scipy answers nan there)", () => {
    it("gives p = 1 and t = 0 when both are the same constant", () => {
      expect(yuenTest([4, 4, 4], [4, 4, 4, 4])).toEqual({ difference: 0, t: 0, df: Infinity, pValue: 1 });
    });

    it.each([
      [[5, 5, 5], [4, 4, 4, 4], Infinity],
      [[3, 3], [4, 4, 4, 4], -Infinity],
    ])("gives p = 0 and an infinite t when %j and %j are different constants", (a, b, t) => {
      expect(yuenTest(a, b)).toMatchObject({ difference: a[0]! - b[0]!, t, df: Infinity, pValue: 0 });
    });

    it("gives p = 1 when the only variation is trimmed away and the trimmed means agree", () => {
      // g = 1 of 5 per end: the outer values go, the inner three are 4 in both samples.
      expect(yuenTest([0, 4, 4, 4, 9], [1, 4, 4, 4, 8])).toMatchObject({ difference: 0, t: 0, pValue: 1 });
    });
  });

  describe("with variance inflation k (serially dependent samples)", () => {
    // Both samples have n = 10, so each variance term is multiplied by k and by the bias factor (n − 1) / (n − k)
    // of a dependent sample's variance around its own mean: t shrinks by √(k (n − 1) / (n − k)).
    const { a, b } = rows[0]!;
    const plain = yuenTest(a, b);

    it.each([1.5, 3, 6])("k = %d divides t by √(k · 9 / (10 − k)) and keeps the difference", (k) => {
      const inflated = yuenTest(a, b, k);
      expect(inflated.difference).toBe(plain.difference);
      expect(plain.t / inflated.t).toBeCloseTo(Math.sqrt((k * 9) / (10 - k)), 10);
      expect(inflated.pValue).toBeGreaterThan(plain.pValue);
    });

    it("shrinks t by about √k when the windows are long", () => {
      const long = Array.from({ length: 600 }, (_, i) => (i * 37) % 101);
      const shifted = long.map((value) => value + 5);
      const ratio = yuenTest(long, shifted).t / yuenTest(long, shifted, 4).t;
      // √(4 · 599 / 596) = 2.00503
      expect(ratio).toBeCloseTo(2.00503, 4);
    });

    it("caps the bias factor's denominator at 1 when k reaches n", () => {
      // n = 10, k = 12: n − k < 1, so the winsorized variance is the sum of squares itself, d grows by k · (n − 1).
      expect(plain.t / yuenTest(a, b, 12).t).toBeCloseTo(Math.sqrt(12 * 9), 10);
    });

    it("treats an inflation below 1 as none", () => {
      expect(yuenTest(a, b, 0.5)).toEqual(plain);
    });

    it("leaves infinite t and p = 0 for different constants", () => {
      expect(yuenTest([5, 5, 5], [4, 4, 4], 10)).toMatchObject({ t: Infinity, pValue: 0 });
    });
  });

  it("rejects samples with fewer than two values", () => {
    expect(() => yuenTest([1], [1, 2])).toThrow(RangeError);
    expect(() => yuenTest([1, 2], [])).toThrow("yuenTest needs 2 values per sample (got 2, 0)");
  });
});
