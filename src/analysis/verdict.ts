/** The four answers Kaizen gives per metric. */
export type Verdict = "regression" | "improvement" | "no-change" | "inconclusive";

/** Practical-significance threshold: relative (0.1 = 10 %) or absolute (in the metric's unit). */
export type Threshold = { kind: "relative"; value: number } | { kind: "absolute"; value: number };

/** A threshold as people read it: relative 0.1 → "10 %", absolute 0.05 with unit "s" → "0.05 s". */
export function formatThreshold(t: Threshold, unit: string): string {
  // toPrecision(12) hides binary noise such as 0.07 × 100 = 7.000000000000001.
  if (t.kind === "relative") return `${Number((t.value * 100).toPrecision(12))} %`;
  return unit ? `${t.value} ${unit}` : String(t.value);
}

/** What the analysis needs to know about one metric besides its numbers. */
export interface MetricPolicy {
  better: "lower" | "higher";
  threshold: Threshold;
  /** Significance level of the rank test, e.g. 0.01. */
  alpha: number;
  /** Fewer samples than this in either window → inconclusive. */
  minSamples: number;
  /** `counter`: cumulative totals, compared as per-second rates. Gauge when left out. */
  kind?: "gauge" | "counter";
}

export interface WindowStats {
  /** Number of finite samples used. */
  n: number;
  /** null when n = 0. */
  median: number | null;
}

/** The analysis result for one metric: the verdict plus every number the report shows. */
export interface MetricVerdict {
  verdict: Verdict;
  /** Why: always set for inconclusive; a short explanation for the others. */
  reason: string;
  baseline: WindowStats;
  candidate: WindowStats;
  /** (candidate − baseline) / |baseline| × 100; null when not computable (no data or baseline median 0). */
  changePct: number | null;
  /** candidate − baseline median, in the metric's unit; null when not computable. */
  changeAbs: number | null;
  /** Two-sided p-value of the rank test; null when the test did not run. */
  pValue: number | null;
  /** Name of the test that produced pValue. */
  test: string;
  /** The statistics behind the verdict, for the report's "why". */
  explanation: VerdictExplanation;
}

/** Everything a reader needs to check a verdict by hand. */
export interface VerdictExplanation {
  /** Cliff's delta of candidate vs baseline (−1 … 1; the share of pairs where the candidate is higher minus lower). */
  effectSize: number | null;
  /** Lag-1 autocorrelation of the samples within the windows (ranks, pooled); null when not estimated. */
  autocorrelation: number | null;
  /** Samples worth of independent information after the autocorrelation correction, per window. */
  effectiveN: { baseline: number; candidate: number } | null;
  /** Samples the windows should have held at the query step, when known (gaps show as fewer actual samples). */
  expectedN: number | null;
  /**
   * How much this metric's median moves between quiet windows of the same length and spacing (one standard
   * deviation, robust), from `windows` earlier window pairs; null when there was not enough history.
   */
  noise: {
    relative: number | null;
    absolute: number;
    windows: number;
    excluded?: number[];
    /** A smooth drift's trend forecast error between quiet windows, when it predicts better than the level. */
    trend?: { absolute: number; windows: number };
  } | null;
  /**
   * What a relative threshold was measured against: the baseline median, or (near 0, where a ratio means nothing)
   * the baseline's interquartile range, or when that is 0 too the mean size |x| of both windows' samples
   * ("magnitude"). Absent or null for absolute thresholds and results from before it existed.
   */
  relativeTo?: { of: "median" | "spread" | "magnitude"; value: number } | null;
  /** The grid step of a quantised metric (moves below it do not count); absent or null for continuous metrics. */
  quantum?: number | null;
  /** Things the reader should know, like a threshold below the metric's own noise. */
  warnings: string[];
}

/** An explanation with nothing measured yet; each analysis fills in what it learns. A new object every call. */
export function emptyExplanation(): VerdictExplanation {
  return { effectSize: null, autocorrelation: null, effectiveN: null, expectedN: null, noise: null, warnings: [] };
}
