import { exactMannWhitneyPValue } from "../../src/analysis/exact-mann-whitney-p-value.js";

/** Independent reference: enumerate every way to pick a's ranks out of 0 … m+n−1 and count U directly. */
function bruteForceUCounts(m: number, n: number): number[] {
  const counts = new Array<number>(m * n + 1).fill(0);
  const pick = (start: number, left: number, rankSum: number): void => {
    if (left === 0) {
      const u = rankSum - (m * (m - 1)) / 2;
      counts[u] = counts[u]! + 1;
      return;
    }
    for (let r = start; r <= m + n - left; r++) pick(r + 1, left - 1, rankSum + r);
  };
  pick(0, m, 0);
  return counts;
}

describe("exactMannWhitneyPValue", () => {
  it.each([
    [1, 1],
    [1, 6],
    [2, 2],
    [3, 5],
    [5, 3],
    [4, 4],
    [6, 7],
  ])("matches full enumeration for m = %i, n = %i at every U", (m, n) => {
    const counts = bruteForceUCounts(m, n);
    const total = counts.reduce((sum, c) => sum + c, 0);
    for (let u = 0; u <= m * n; u++) {
      const lower = counts.slice(0, u + 1).reduce((sum, c) => sum + c, 0);
      const upper = counts.slice(u).reduce((sum, c) => sum + c, 0);
      const expected = Math.min(1, (2 * Math.min(lower, upper)) / total);
      expect(exactMannWhitneyPValue(u, m, n)).toBeCloseTo(expected, 14);
    }
  });

  it.each([
    // R: wilcox.test(1:10, 11:20)$p.value = 2 / choose(20, 10) = 1.0825e-05
    [0, 10, 10, 2 / 184756],
    // scipy.stats.mannwhitneyu(…, method="exact") distribution for m = 30, n = 41, U = 891
    [891, 30, 41, 0.0011019802271049],
    [1216, 49, 49, 0.9155125104218266],
  ])("gives U = %i, m = %i, n = %i → p = %d", (u, m, n, p) => {
    expect(Math.abs(exactMannWhitneyPValue(u, m, n) - p) / p).toBeLessThan(1e-12);
  });
});
