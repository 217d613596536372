import { compareToHistory, runToRunNoise } from "../../src/analysis/compare-to-history.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";

type Policy = Pick<MetricPolicy, "better" | "threshold" | "alpha">;
const policy = (overrides: Partial<Policy> = {}): Policy => ({
  better: "lower",
  threshold: { kind: "relative", value: 0.1 },
  alpha: 0.01,
  ...overrides,
});
// Consecutive differences 2, 3, 2, 1, 3, 5: median 2.5, so the noise of one run against another is
// 1.4826 × 2.5 = 3.7065, 3.7 % of the branch's level 100.
const history = [100, 102, 99, 101, 100, 103, 98];

describe("runToRunNoise", () => {
  it("is the robust spread of consecutive differences, absolute and relative to the branch's median", () => {
    const noise = runToRunNoise(history);
    expect(noise.absolute).toBeCloseTo(3.7065, 4);
    expect(noise.relative).toBeCloseTo(0.037065, 6);
    expect(noise.windows).toBe(7);
  });

  it("is not inflated by a step that already landed on the branch", () => {
    const stepped = [100, 101, 100, 101, 150, 151, 150, 151];
    expect(runToRunNoise(stepped).absolute).toBeCloseTo(1.4826, 4);
  });

  it("has no relative size when the branch's level is 0", () => {
    expect(runToRunNoise([0, 0, 1, 0, 0]).relative).toBeNull();
  });
});

describe("compareToHistory", () => {
  it.each([
    ["lower", 120, "regression"],
    ["lower", 80, "improvement"],
    ["higher", 120, "improvement"],
    ["higher", 80, "regression"],
  ] as const)("better %s, head %d against 100 → %s", (better, head, verdict) => {
    const result = compareToHistory({ baseline: 100, head, history, branch: "main" }, policy({ better }));
    expect(result.verdict).toBe(verdict);
    expect(result.changePct).toBeCloseTo(head - 100, 10);
    expect(result.changeAbs).toBe(head - 100);
    // t = 20 / 3.7065 = 5.40 with 6 degrees of freedom.
    expect(result.pValue).toBeGreaterThan(0.001);
    expect(result.pValue).toBeLessThan(0.002);
    expect(result.reason).toMatch(/beyond threshold 10 % and outside the noise \(±3\.7 % between runs on main\)/);
    expect(result.explanation.noise).toEqual({ absolute: expect.closeTo(3.7065, 4), relative: expect.closeTo(0.037, 3), windows: 7 });
    expect(result.baseline).toEqual({ n: 1, median: 100 });
    expect(result.candidate).toEqual({ n: 1, median: head });
  });

  it("calls a move beyond the threshold but inside the noise no change, with the noise as the reason", () => {
    // t = 12 / 3.7065 = 3.24, p ≈ 0.018: a run this far off happens on main about once in 55.
    const result = compareToHistory({ baseline: 100, head: 112, history, branch: "main" }, policy());
    expect(result.verdict).toBe("no-change");
    expect(result.pValue).toBeGreaterThan(0.01);
    expect(result.pValue).toBeLessThan(0.03);
    expect(result.reason).toMatch(/^within the noise \(±3\.7 % between runs on main\): p = 0\.0\d+ ≥ 0\.01$/);
  });

  it("calls a significant move within the threshold no change", () => {
    const quiet = [100, 100.1, 100, 100.1, 100];
    const result = compareToHistory({ baseline: 100, head: 105, history: quiet, branch: "main" }, policy());
    expect(result.verdict).toBe("no-change");
    expect(result.pValue).toBeLessThan(0.001);
    expect(result.reason).toBe("change +5.0 % within threshold 10 %");
  });

  it("warns when the threshold is smaller than the benchmark's own noise", () => {
    const result = compareToHistory({ baseline: 100, head: 101, history, branch: "main" }, policy({ threshold: { kind: "relative", value: 0.02 } }));
    expect(result.explanation.warnings).toEqual([
      "threshold 2 % but this benchmark moves ±3.7 % between runs on main; smaller changes cannot be told from noise: raise the threshold or report samples",
    ]);
  });

  it("uses an absolute threshold in the unit", () => {
    const result = compareToHistory({ baseline: 100, head: 120, history, branch: "main" }, policy({ threshold: { kind: "absolute", value: 25 } }));
    expect(result.verdict).toBe("no-change");
    expect(result.reason).toBe("change +20 within threshold 25");
  });

  it("treats any move as significant when the branch never moved between runs", () => {
    const flat = [100, 100, 100];
    expect(compareToHistory({ baseline: 100, head: 120, history: flat, branch: "main" }, policy()).verdict).toBe("regression");
    const same = compareToHistory({ baseline: 100, head: 100, history: flat, branch: "main" }, policy());
    expect(same).toMatchObject({ verdict: "no-change", pValue: 1, reason: "unchanged at 100" });
  });

  it.each([
    [[], "none"],
    [[100, 101], "only 2"],
    [[100, Number.NaN, 101], "only 2"],
  ])("is inconclusive with too little history (%j)", (few, found) => {
    const result = compareToHistory({ baseline: 100, head: 200, history: few, branch: "main" }, policy());
    expect(result.verdict).toBe("inconclusive");
    expect(result.pValue).toBeNull();
    expect(result.reason).toBe(
      `one value per run and ${found} of the 3 earlier results on main needed to estimate its noise; add samples (e.g. \`-count\`, repetitions) or wait for more runs on main`,
    );
  });
});
