import { errorFunction } from "simple-statistics";
import { exactMannWhitneyPValue } from "./exact-mann-whitney-p-value.js";

export interface MannWhitneyUOptions {
  /**
   * "auto" (default) follows R's `wilcox.test`: exact when there are no ties and both samples have fewer than
   * 50 values, normal approximation otherwise. "exact" still falls back to the approximation on ties.
   */
  method?: "auto" | "exact" | "normal";
}

export interface MannWhitneyUResult {
  /** U of `a`: pairs (aᵢ, bⱼ) with aᵢ > bⱼ, ties counting ½ (R's W). Ranges 0 … |a|·|b|. */
  u: number;
  /** Tie- and continuity-corrected standard score of U; positive when `a` tends to be larger. */
  z: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Which distribution produced pValue. */
  method: "exact" | "normal";
}

const EXACT_BELOW = 50;

/**
 * Two-sided Mann-Whitney U (Wilcoxon rank-sum) test of `a` against `b`, matching R's
 * `wilcox.test(a, b, correct = TRUE)`. Identical samples (zero variance) give pValue 1.
 * Throws RangeError on an empty sample or a non-finite value: callers filter their data first.
 */
export function mannWhitneyU(a: number[], b: number[], options: MannWhitneyUOptions = {}): MannWhitneyUResult {
  const m = a.length;
  const n = b.length;
  if (m === 0 || n === 0) throw new RangeError(`mannWhitneyU needs values in both samples (got ${m} and ${n})`);
  if (!a.every(Number.isFinite) || !b.every(Number.isFinite)) {
    throw new RangeError("mannWhitneyU needs finite values only");
  }
  const { rankSumA, tieTerm } = rankTogether(a, b);
  const u = rankSumA - (m * (m + 1)) / 2;

  const total = m + n;
  const variance = ((m * n) / 12) * (total + 1 - tieTerm / (total * (total - 1)));
  const shift = u - (m * n) / 2;
  const z = variance > 0 ? (shift - Math.sign(shift) * 0.5) / Math.sqrt(variance) : 0;

  const method = options.method ?? "auto";
  const exact = tieTerm === 0 && (method === "exact" || (method === "auto" && m < EXACT_BELOW && n < EXACT_BELOW));
  if (exact) return { u, z, pValue: exactMannWhitneyPValue(u, m, n), method: "exact" };
  // 2·(1 − Φ(|z|)) = 1 − erf(|z|/√2); simple-statistics' erf is accurate to ~1e-7, its normal table only to 1e-4.
  const pValue = z === 0 ? 1 : Math.min(1, Math.max(0, 1 - errorFunction(Math.abs(z) / Math.SQRT2)));
  return { u, z, pValue, method: "normal" };
}

/**
 * Mid-ranks of the pooled samples in one merge of the two sorted samples, collecting what the tie correction
 * needs (Σ t³ − t over tie groups) in the same pass. simple-statistics' wilcoxonRankSum gives the rank sum but
 * not the tie groups, so using it would mean sorting twice.
 */
function rankTogether(a: number[], b: number[]): { rankSumA: number; tieTerm: number } {
  const sa = Float64Array.from(a).sort();
  const sb = Float64Array.from(b).sort();
  let i = 0;
  let j = 0;
  let ranked = 0;
  let rankSumA = 0;
  let tieTerm = 0;
  while (i < sa.length || j < sb.length) {
    const value = j >= sb.length || (i < sa.length && sa[i]! <= sb[j]!) ? sa[i]! : sb[j]!;
    let inA = 0;
    let inB = 0;
    while (i < sa.length && sa[i] === value) {
      i++;
      inA++;
    }
    while (j < sb.length && sb[j] === value) {
      j++;
      inB++;
    }
    const size = inA + inB;
    // The group occupies ranks ranked+1 … ranked+size; each member gets their mean.
    rankSumA += inA * (ranked + (size + 1) / 2);
    tieTerm += size ** 3 - size;
    ranked += size;
  }
  return { rankSumA, tieTerm };
}
