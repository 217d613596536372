import type { Verdict } from "../../src/analysis/verdict.js";
import type { CaseLabel } from "./detection/cases.js";
import { scoreDetector } from "./detection/score-detector.js";

const quiet: CaseLabel = { shape: "a", better: "lower", step: null, positive: false, expected: null };
const step = (sigmas: number, percent: number, shape = "a"): CaseLabel => ({
  shape,
  better: "lower",
  step: { direction: "up", sigmas, percent },
  positive: percent > 5,
  expected: percent > 5 ? "regression" : null,
});

describe("scoreDetector", () => {
  // 4 quiet (1 flagged), 1 within-threshold step (flagged), 4 positives: 2 hit, 1 flagged the wrong way, 1 missed.
  const cases: [CaseLabel, Verdict][] = [
    [quiet, "no-change"],
    [quiet, "no-change"],
    [quiet, "inconclusive"],
    [{ ...quiet, shape: "b" }, "improvement"],
    [step(1, 5), "regression"],
    [step(4, 20), "regression"],
    [step(0.5, 50, "b"), "regression"],
    [step(3, 10), "improvement"],
    [step(6, 30), "no-change"],
  ];
  const score = scoreDetector("d", cases.map(([label]) => label), cases.map(([, verdict]) => verdict));

  it("counts any flag on a quiet series as a false positive, per shape too", () => {
    expect(score.falsePositiveRate).toEqual({ share: 0.25, of: 4 });
    expect(score.falsePositiveRateByShape.get("a")).toEqual({ share: 0, of: 3 });
    expect(score.falsePositiveRateByShape.get("b")).toEqual({ share: 1, of: 1 });
    expect(score.withinThresholdFlagged).toEqual({ share: 1, of: 1 });
    expect(score.inconclusive).toEqual({ share: 1 / 9, of: 9 });
  });

  it("counts a flag in the wrong direction as a false positive and not a hit", () => {
    // TP 2; FP: the quiet flag, the within-threshold flag, the wrong direction.
    expect(score.recall).toEqual({ share: 0.5, of: 4 });
    expect(score.precision).toBeCloseTo(2 / 5, 12);
    expect(score.f1).toBeCloseTo((2 * 0.4 * 0.5) / 0.9, 12);
    expect(score.targetRecall).toEqual({ share: 1 / 3, of: 3 });
  });

  it("buckets steps by σ (positives) and by % (flag rate within the threshold, recall beyond)", () => {
    const bySigma = Object.fromEntries(score.recallBySigma.map((b) => [b.name, b.rate]));
    expect(bySigma["3–5σ"]).toEqual({ share: 0.5, of: 2 });
    expect(bySigma["0.5–1σ"]).toEqual({ share: 1, of: 1 });
    const byPercent = Object.fromEntries(score.byPercent.map((b) => [b.name, b.rate]));
    expect(byPercent["= 5 %"]).toEqual({ share: 1, of: 1 });
    expect(byPercent["10–20 %"]).toEqual({ share: 0, of: 1 });
    expect(byPercent["20–50 %"]).toEqual({ share: 0.5, of: 2 });
  });
});
