/**
 * Exact two-sided p-value of the Mann-Whitney U statistic for samples of sizes m and n without ties, as R's
 * `wilcox.test(exact = TRUE)` computes it: twice the smaller tail, capped at 1.
 *
 * The number of arrangements giving U = k is the k-th coefficient of the Gaussian binomial [m+n choose m]_q,
 * built as the product over i = 1..m of (1 − q^(n+i)) / (1 − q^i). Each partial product is itself a polynomial
 * with non-negative integer coefficients, and coefficient k only depends on lower ones, so only the tail up
 * to min(U, mn − U) is ever computed: O(m · tail) time, no table of all (m, n, k).
 */
export function exactMannWhitneyPValue(u: number, m: number, n: number): number {
  // U is symmetric around mn/2, so the smaller tail is always the lower tail of min(U, mn − U).
  const tail = Math.floor(Math.min(u, m * n - u));
  if (tail < 0) return 0;
  const counts = new Float64Array(tail + 1);
  counts[0] = 1;
  for (let i = 1; i <= m; i++) {
    const shift = n + i;
    // Multiply by (1 − q^shift): walk downwards so each term still reads the previous polynomial.
    for (let k = tail; k >= shift; k--) counts[k] = counts[k]! - counts[k - shift]!;
    // Divide by (1 − q^i), i.e. multiply by 1 + q^i + q^2i + …: walk upwards to accumulate.
    for (let k = i; k <= tail; k++) counts[k] = counts[k]! + counts[k - i]!;
  }
  let lower = 0;
  for (let k = 0; k <= tail; k++) lower += counts[k]!;
  return Math.min(1, (2 * lower) / binomial(m + n, m));
}

function binomial(total: number, chosen: number): number {
  const k = Math.min(chosen, total - chosen);
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (total - k + i)) / i;
  return result;
}
