import type { Bucket, DetectorScore, Rate } from "./score-detector.js";

/** The benchmark's Markdown tables, one detector per row (per column in the per-shape tables). */
export function renderTables(scores: DetectorScore[], shapeNames: string[]): string {
  const first = scores[0]!;
  return [
    table(
      ["detector", "FPR (no change)", "flagged ≤ 5 % steps", "inconclusive", "precision", "recall", "F1", "recall ≥ 3σ & > 5 %"],
      scores.map((s) => [
        s.name,
        percent(s.falsePositiveRate),
        percent(s.withinThresholdFlagged),
        percent(s.inconclusive),
        share(s.precision),
        percent(s.recall),
        s.f1 === null ? "—" : s.f1.toFixed(3),
        percent(s.targetRecall),
      ]),
      counts([first.falsePositiveRate, first.withinThresholdFlagged, first.inconclusive, null, first.recall, null, first.targetRecall]),
    ),
    "Recall by step size in σ of the noise (positives only: steps beyond 5 %):",
    bucketTable(scores, (s) => s.recallBySigma),
    "By step size in % of the level: share flagged for steps within the threshold (lower is better), recall beyond it:",
    bucketTable(scores, (s) => s.byPercent),
    "False-positive rate on no-change series, per shape:",
    shapeTable(scores, shapeNames, (s) => s.falsePositiveRateByShape),
    "Recall on steps ≥ 3σ and beyond 5 %, per shape:",
    shapeTable(scores, shapeNames, (s) => s.targetRecallByShape),
  ].join("\n\n");
}

function bucketTable(scores: DetectorScore[], buckets: (score: DetectorScore) => Bucket[]): string {
  const first = buckets(scores[0]!);
  return table(
    ["detector", ...first.map((b) => b.name)],
    scores.map((s) => [s.name, ...buckets(s).map((b) => percent(b.rate))]),
    counts(first.map((b) => b.rate)),
  );
}

function shapeTable(scores: DetectorScore[], shapeNames: string[], byShape: (score: DetectorScore) => Map<string, Rate>): string {
  return table(
    ["shape", "cases", ...scores.map((s) => s.name)],
    shapeNames.map((shape) => [
      shape,
      String(byShape(scores[0]!).get(shape)?.of ?? 0),
      ...scores.map((s) => percent(byShape(s).get(shape) ?? { share: null, of: 0 })),
    ]),
  );
}

/** A last row giving how many cases each column's rates are out of. */
function counts(rates: (Rate | null)[]): string[] {
  return ["*cases*", ...rates.map((r) => (r === null ? "" : `*${r.of}*`))];
}

function table(header: string[], rows: string[][], footer?: string[]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line), ...(footer ? [line(footer)] : [])].join("\n");
}

export function percent(rate: Rate): string {
  return share(rate.share);
}

function share(value: number | null): string {
  if (value === null) return "—";
  const pct = value * 100;
  // Three significant digits at most, trailing zeros dropped: "97.3 %", "100 %", "0.29 %".
  return `${Number(pct.toFixed(pct >= 10 ? 1 : 2))} %`;
}
