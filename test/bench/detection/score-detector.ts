import type { Verdict } from "../../../src/analysis/verdict.js";
import type { CaseLabel } from "./cases.js";

/** A share and how many cases it is out of (null when there were none). */
export interface Rate {
  share: number | null;
  of: number;
}

export interface Bucket {
  name: string;
  rate: Rate;
}

export interface DetectorScore {
  name: string;
  /** Flags on no-change series. */
  falsePositiveRate: Rate;
  falsePositiveRateByShape: Map<string, Rate>;
  /** Flags on steps at or within the threshold (negatives too). */
  withinThresholdFlagged: Rate;
  inconclusive: Rate;
  precision: number | null;
  recall: Rate;
  f1: number | null;
  /** Recall on positives of at least 3σ: the target group. */
  targetRecall: Rate;
  targetRecallByShape: Map<string, Rate>;
  /** Recall on positives by |shift| / σ. */
  recallBySigma: Bucket[];
  /** By |shift| / level: flag rate for the buckets within the threshold, recall beyond it. */
  byPercent: Bucket[];
}

const SIGMA_BUCKETS: [string, number][] = [["< 0.5σ", 0], ["0.5–1σ", 0.5], ["1–2σ", 1], ["2–3σ", 2], ["3–5σ", 3], ["≥ 5σ", 5]];
/** Within the threshold: the share flagged. Steps of exactly 5 % apart, where even a perfect estimate is a coin toss. */
const WITHIN_BUCKETS: [string, number][] = [["≤ 2 %", 0], ["2–5 %", 2 + 1e-6], ["= 5 %", 5 - 1e-6]];
/** Beyond it: the recall. */
const BEYOND_BUCKETS: [string, number][] = [["5–10 %", 0], ["10–20 %", 10], ["20–50 %", 20], ["50–100 %", 50], ["≥ 100 %", 100]];
// Labels come from arithmetic on σ and levels; a step of "exactly 3σ" must land in the 3σ bucket.
const EPSILON = 1e-9;

/** Scores one detector's verdicts (in the same order as the labels). */
export function scoreDetector(name: string, labels: CaseLabel[], verdicts: Verdict[]): DetectorScore {
  const cases = labels.map((label, k) => ({ label, verdict: verdicts[k]! }));
  const flagged = (verdict: Verdict) => verdict === "regression" || verdict === "improvement";
  const hit = ({ label, verdict }: (typeof cases)[number]) => verdict === label.expected;
  const quiet = cases.filter((c) => c.label.step === null);
  const positives = cases.filter((c) => c.label.positive);
  const target = positives.filter((c) => c.label.step!.sigmas + EPSILON >= 3);
  const truePositives = positives.filter(hit).length;
  const falsePositives = cases.filter((c) => flagged(c.verdict) && !hit(c)).length;
  const precision = truePositives + falsePositives === 0 ? null : truePositives / (truePositives + falsePositives);
  const recall = rate(positives, hit);
  const f1 = precision === null || recall.share === null || precision + recall.share === 0
    ? null
    : (2 * precision * recall.share) / (precision + recall.share);
  const byShape = (group: typeof cases, counts: (c: (typeof cases)[number]) => boolean) =>
    new Map([...new Set(labels.map((l) => l.shape))].map((shape) => [shape, rate(group.filter((c) => c.label.shape === shape), counts)]));
  return {
    name,
    falsePositiveRate: rate(quiet, (c) => flagged(c.verdict)),
    falsePositiveRateByShape: byShape(quiet, (c) => flagged(c.verdict)),
    withinThresholdFlagged: rate(cases.filter((c) => c.label.step !== null && !c.label.positive), (c) => flagged(c.verdict)),
    inconclusive: rate(cases, (c) => c.verdict === "inconclusive"),
    precision,
    recall,
    f1,
    targetRecall: rate(target, hit),
    targetRecallByShape: byShape(target, hit),
    recallBySigma: buckets(SIGMA_BUCKETS, positives, (c) => c.label.step!.sigmas, hit),
    byPercent: [
      ...buckets(WITHIN_BUCKETS, cases.filter((c) => c.label.step !== null && !c.label.positive), (c) => c.label.step!.percent, (c) => flagged(c.verdict)),
      ...buckets(BEYOND_BUCKETS, positives, (c) => c.label.step!.percent, hit),
    ],
  };
}

function rate<T>(group: T[], counts: (item: T) => boolean): Rate {
  return { share: group.length === 0 ? null : group.filter(counts).length / group.length, of: group.length };
}

function buckets<T>(bounds: [string, number][], group: T[], size: (item: T) => number, counts: (item: T) => boolean): Bucket[] {
  return bounds.map(([name, from], k) => {
    const to = bounds[k + 1]?.[1] ?? Infinity;
    const inside = (item: T) => size(item) + EPSILON >= from && size(item) + EPSILON < to;
    return { name, rate: rate(group.filter(inside), counts) };
  });
}
