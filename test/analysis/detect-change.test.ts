import { detectChange, type DetectorInput } from "../../src/analysis/detect-change.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";
import { metricPolicy } from "../helpers/metric-policy.js";
import type { SeriesSamples } from "../../src/analysis/time-window.js";
import {
  ar1,
  counter,
  counts,
  createRandomSource,
  DEPLOYED_AT,
  detectorInput,
  iid,
  movingRate,
  stepLevel,
  withDailyCycle,
  withHole,
  withMissing,
  withSpikes,
  type RandomSource,
  type Sampler,
} from "./series-builders.js";

/**
 * A 1 % threshold is below every shape's noise, so the threshold never decides a case here: the corrected test
 * and the noise gate must. (Each of these cases also carries the too-low-threshold warning, tested on its own.)
 */
const policy = (overrides: Partial<MetricPolicy> = {}): MetricPolicy => metricPolicy({ threshold: { kind: "relative", value: 0.01 }, ...overrides });
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

interface Shape {
  name: string;
  /** The series, its level stepping by `shift` at the deployment. */
  sample: (random: RandomSource, shift: number) => Sampler;
  /** One sample's standard deviation around the level; the step case moves the level by 5 of these. */
  sigma: number;
  kind?: "counter";
  input?: Parameters<typeof detectorInput>[1];
  /** Of the 20 seeds, how many quiet series may be flagged (α = 1 % makes one in 20 possible by chance). */
  falseAlarms: number;
  /** Of the 20 seeds, how many 5σ steps must be flagged. */
  detected: number;
}

const shapes: Shape[] = [
  { name: "iid σ = 5 %", sample: (r, s) => iid(r, stepLevel(100, s), 5), sigma: 5, falseAlarms: 1, detected: 20 },
  {
    name: "AR(1) ρ = 0.9",
    sample: (r, s) => ar1(r, stepLevel(100, s), 5, 0.9),
    sigma: 5,
    falseAlarms: 0,
    detected: 20,
  },
  {
    // Without history only the autocorrelation correction guards it; with two windows ρ often reads 0.95 (the
    // cap), inflating the variance about ×110, so 2 of these +25 % steps come out at p = 0.02–0.09.
    name: "AR(1) ρ = 0.9 without history",
    sample: (r, s) => ar1(r, stepLevel(100, s), 5, 0.9),
    sigma: 5,
    input: { noiseWindows: 0 },
    falseAlarms: 1,
    detected: 18,
  },
  {
    name: "rate(x[5m]) at 1 request/s",
    sample: (r, s) => movingRate(r, stepLevel(1, s)),
    sigma: Math.sqrt(300) / 300,
    falseAlarms: 0,
    // The AR(1) correction overstates a moving average's inflation (ρ ≈ 0.93 reads as ×28, the mean of 10
    // increments is only ×10), so 3 of these +29 % steps come out at p = 0.02–0.08.
    detected: 17,
  },
  {
    name: "spikes: 2 % of samples × 10",
    sample: (r, s) => withSpikes(r, iid(r, stepLevel(100, s), 5), 0.02, 10),
    sigma: 5,
    falseAlarms: 0,
    detected: 20,
  },
  {
    name: "30 % of samples missing",
    sample: (r, s) => withMissing(r, iid(r, stepLevel(100, s), 5), 0.3),
    sigma: 5,
    falseAlarms: 0,
    detected: 20,
  },
  {
    name: "small discrete counts, Poisson(2)",
    sample: (r, s) => counts(r, stepLevel(2, s)),
    sigma: Math.SQRT2,
    falseAlarms: 1,
    detected: 20,
  },
  {
    name: "counter at 10/s resetting mid-candidate, kind: counter",
    sample: (r, s) => counter(r, stepLevel(10, s), DEPLOYED_AT + 900),
    sigma: Math.sqrt(300) / 30,
    kind: "counter",
    falseAlarms: 0,
    detected: 20,
  },
  {
    name: "daily cycle (amplitude 3σ, steepest at the deployment), previous window and quiet history",
    sample: (r, s) => withDailyCycle(iid(r, stepLevel(100, s), 5), 15),
    sigma: 5,
    falseAlarms: 0,
    detected: 20,
  },
  {
    name: "daily cycle, same-window-yesterday",
    sample: (r, s) => withDailyCycle(iid(r, stepLevel(100, s), 5), 15),
    sigma: 5,
    input: { baseline: "same-window-yesterday" },
    falseAlarms: 0,
    detected: 20,
  },
];

const inputs = (shape: Shape, shift: number) =>
  SEEDS.map((seed) => detectorInput(shape.sample(createRandomSource(seed), shift), shape.input));
const verdicts = (shape: Shape, series: DetectorInput[], better: MetricPolicy["better"] = "lower") =>
  series.map((input) => detectChange(input, policy({ better, kind: shape.kind })));
const count = (results: Array<{ verdict: string }>, verdict: string) => results.filter((r) => r.verdict === verdict).length;

describe("detectChange", () => {
  describe.each(shapes)("on $name", (shape) => {
    // Both directions of `better` judge the same stepped series.
    let stepped: DetectorInput[] | undefined;
    it(`flags at most ${shape.falseAlarms} of 20 quiet series`, () => {
      const results = verdicts(shape, inputs(shape, 0));
      expect(count(results, "no-change")).toBeGreaterThanOrEqual(20 - shape.falseAlarms);
      expect(count(results, "inconclusive")).toBe(0);
    });

    it.each([
      ["lower", "regression"],
      ["higher", "improvement"],
    ] as const)(`calls a 5σ rise with better %s a %s in at least ${shape.detected} of 20`, (better, verdict) => {
      stepped ??= inputs(shape, 5 * shape.sigma);
      const results = verdicts(shape, stepped, better);
      expect(count(results, verdict)).toBeGreaterThanOrEqual(shape.detected);
      // Whatever is not flagged is no-change: a step never reads as the opposite direction.
      expect(count(results, verdict) + count(results, "no-change")).toBe(20);
    });
  });

  describe("explains its verdict", () => {
    const random = createRandomSource(1);
    const result = detectChange(detectorInput(ar1(random, stepLevel(100, -25), 5, 0.9)), policy());

    it("with a signed effect size, the autocorrelation and effective sample sizes below n", () => {
      expect(result.verdict).toBe("improvement");
      expect(result.explanation.effectSize).toBeLessThan(-0.9);
      expect(result.explanation.autocorrelation).toBeGreaterThan(0.7);
      expect(result.explanation.effectiveN!.baseline).toBeLessThan(result.baseline.n / 5);
      expect(result.explanation.effectiveN!.candidate).toBeLessThan(result.candidate.n / 5);
      expect(result.test).toBe("Yuen's trimmed-mean t-test, corrected for autocorrelation");
    });

    it("with the noise of its 6 quiet pairs and the expected sample count", () => {
      expect(result.explanation.noise).toMatchObject({ windows: 6 });
      expect(result.explanation.noise!.relative).toBeGreaterThan(0.01);
      expect(result.explanation.expectedN).toBe(60);
    });

    it("with a positive effect size and no correction for a rise in independent samples", () => {
      const rise = detectChange(detectorInput(iid(createRandomSource(2), stepLevel(100, 25), 5)), policy());
      expect(rise.verdict).toBe("regression");
      expect(rise.explanation.effectSize).toBeGreaterThan(0.9);
      expect(rise.explanation.autocorrelation).toBeLessThan(0.15);
      expect(rise.test).toBe("Yuen's trimmed-mean t-test");
    });
  });

  describe("with gaps", () => {
    const holed = (from: number, length: number) =>
      detectChange(
        detectorInput(withHole(iid(createRandomSource(3), stepLevel(100), 5), from, from + length * 30)),
        policy(),
      );

    it("warns about a window holding under half its expected samples, and still judges it", () => {
      const result = holed(DEPLOYED_AT + 600, 35);
      expect(result).toMatchObject({ verdict: "no-change", candidate: { n: 25 }, baseline: { n: 60 } });
      expect(result.explanation.expectedN).toBe(60);
      expect(result.explanation.warnings).toContain("candidate window has 25 of 60 samples: the source has gaps");
    });

    it("does not warn when a window keeps at least half", () => {
      const result = holed(DEPLOYED_AT - 1800, 30);
      expect(result.baseline.n).toBe(30);
      expect(result.explanation.warnings.filter((w) => w.includes("gaps"))).toEqual([]);
    });

    it("leaves expectedN unknown without the step and window length", () => {
      const input = detectorInput(iid(createRandomSource(4), stepLevel(100), 5));
      const bare = { baseline: input.baseline, candidate: input.candidate, history: input.history };
      expect(detectChange(bare, policy()).explanation.expectedN).toBeNull();
    });
  });

  describe("with very low traffic", () => {
    it("is inconclusive, naming the counts, when most samples are missing", () => {
      const random = createRandomSource(3);
      const result = detectChange(detectorInput(withMissing(random, iid(random, stepLevel(100), 5), 0.9)), policy());
      expect(result).toMatchObject({ verdict: "inconclusive", baseline: { n: 5 }, candidate: { n: 7 } });
      expect(result.reason).toBe("baseline has 5 samples, candidate 7; at least 10 needed");
      expect(result.explanation.warnings).toEqual([
        "baseline window has 5 of 60 samples: the source has gaps",
        "candidate window has 7 of 60 samples: the source has gaps",
      ]);
    });

    it("is inconclusive with no data when no request came at all", () => {
      const result = detectChange(detectorInput(() => Number.NaN), policy());
      expect(result).toMatchObject({ verdict: "inconclusive", reason: "no data", pValue: null });
    });

    it("is no-change for a counter that never counts", () => {
      const result = detectChange(detectorInput(counter(createRandomSource(1), stepLevel(0))), policy({ kind: "counter" }));
      expect(result).toMatchObject({ verdict: "no-change", reason: "median unchanged at 0" });
    });

    it("measures a move from a median of 0 in sparse counts against the values' mean size", () => {
      const quiet = detectChange(detectorInput(counts(createRandomSource(3), stepLevel(0.2))), policy());
      // Both medians are 0, but the test still runs (on the trimmed means) and finds nothing.
      expect(quiet.verdict).toBe("no-change");
      expect(quiet.reason).toMatch(/not significant: p = [\d.]+ ≥ 0\.01/);
      const busy = detectChange(detectorInput(counts(createRandomSource(3), stepLevel(0.2, 2.2))), policy());
      expect(busy).toMatchObject({ verdict: "regression", changeAbs: 2, changePct: null });
      expect(busy.explanation.relativeTo?.of).toBe("magnitude");
      expect(busy.reason).toMatch(/^change \+\d+ % of the values' mean size \([\d.]+; median 0 and interquartile range are too close to 0 for a percentage\) beyond threshold 1 %; p = .* < 0\.01$/);
    });
  });

  describe("with counters", () => {
    const total = (resetAt?: number) => detectorInput(counter(createRandomSource(3), stepLevel(10), resetAt));

    it("compares rates, one fewer than the samples, across a reset in the baseline", () => {
      const result = detectChange(total(DEPLOYED_AT - 900), policy({ kind: "counter" }));
      expect(result).toMatchObject({ verdict: "no-change", baseline: { n: 59 }, candidate: { n: 59 } });
      expect(result.baseline.median).toBeCloseTo(10, 0);
      expect(result.explanation.expectedN).toBe(59);
      expect(result.explanation.warnings.filter((w) => w.includes("counter"))).toEqual([]);
    });

    it("warns that a counter queried as a gauge only ever rises", () => {
      const result = detectChange(total(), policy());
      expect(result.explanation.warnings).toContain(
        "values only ever rise, like a counter: set `kind: counter` or wrap the query in `rate()`",
      );
      expect(result.explanation.expectedN).toBe(60);
    });

    it("still warns when the counter restarted inside a window", () => {
      const result = detectChange(total(DEPLOYED_AT + 900), policy());
      expect(result.explanation.warnings).toContain(
        "values only ever rise, like a counter: set `kind: counter` or wrap the query in `rate()`",
      );
    });

    it("does not call a rising gauge a counter when one window is too short to judge", () => {
      const input = total();
      const short = { ...input, candidate: slice(input.candidate, 5) };
      expect(detectChange(short, policy()).explanation.warnings.filter((w) => w.includes("counter"))).toEqual([]);
    });
  });

  describe("with a daily rhythm and little noise (σ = 0.5 %, amplitude 15 %)", () => {
    const daily = (input: Parameters<typeof detectorInput>[1]) =>
      detectChange(detectorInput(withDailyCycle(iid(createRandomSource(3), stepLevel(100), 0.5), 15), input), policy());

    it("would call the rhythm's drift between the previous window and the candidate a regression without history", () => {
      expect(daily({ noiseWindows: 0 })).toMatchObject({ verdict: "regression" });
    });

    it("is no-change with quiet history: the drift is within the metric's noise", () => {
      const result = daily({});
      expect(result.verdict).toBe("no-change");
      expect(result.pValue).toBeLessThan(0.01);
      // A smooth rhythm: its straight-line forecast predicts quiet windows far better than "no change" does.
      expect(result.explanation.noise?.trend?.absolute).toBeLessThan(0.5 * result.explanation.noise!.absolute);
      expect(result.reason).toMatch(
        /^change \+2\.5 % within this metric's noise \(±3\.5 % between quiet windows\), and -0\.3\d+ beyond its trend is within 3 × its trend's forecast error \(±0\.39\d*\)$/,
      );
    });

    it.each([0, 6])("is no-change against the same window yesterday (%d quiet pairs)", (noiseWindows) => {
      expect(daily({ baseline: "same-window-yesterday", noiseWindows })).toMatchObject({ verdict: "no-change" });
    });
  });

  describe("with a smooth 6 h wave of amplitude 15 under noise σ = 1 (issue 12's trend inside every window)", () => {
    // Falling at its steepest through the deployment: the quiet pairs' medians move up to ±10 with the wave.
    const wave = (shift: number) => {
      const noise = iid(createRandomSource(5), stepLevel(100, shift), 1);
      return detectChange(detectorInput((time) => noise(time) - 15 * Math.sin((2 * Math.PI * (time - DEPLOYED_AT)) / 21_600)), policy({ threshold: { kind: "relative", value: 0.05 } }));
    };

    it("catches a step against the wave: the median's move is within the level's noise but far beyond the trend", () => {
      // +20 against a wave that falls 10 between the windows: the median moves +10, the noise is ±9.9.
      const result = wave(20);
      expect(result.reason).toMatch(/beyond its trend \(forecast error ±2\.6\d* between quiet windows\) beyond threshold 5 %/);
      expect(result.verdict).toBe("regression");
      expect(result.explanation.noise!.trend!.absolute).toBeLessThan(0.5 * result.explanation.noise!.absolute);
      expect(Math.abs(result.changeAbs!)).toBeLessThan(2 * result.explanation.noise!.absolute);
    });

    it("is no-change when only the wave moved", () => {
      expect(wave(0).verdict).toBe("no-change");
    });
  });

  describe("when the threshold is below the metric's noise", () => {
    // Six quiet pairs at level 100 whose medians moved by exactly 4: noise 1.4826 × 4 = 5.9304 (5.9 %).
    const flat = (level: number): SeriesSamples => ({
      timestamps: Array.from({ length: 20 }, (_, i) => i * 30),
      values: Array.from({ length: 20 }, (_, i) => level + (i % 3) - 1),
    });
    const input: DetectorInput = {
      baseline: flat(100),
      candidate: flat(101),
      history: [104, 96, 104, 96, 104, 96].map((after) => ({ baseline: flat(100), candidate: flat(after) })),
    };
    const warnings = (threshold: MetricPolicy["threshold"]) => detectChange(input, policy({ threshold })).explanation.warnings;

    it("warns in percent for a relative threshold", () => {
      expect(warnings({ kind: "relative", value: 0.02 })).toEqual([
        "threshold 2 % but this metric moves ±5.9 % between quiet windows (6 earlier pairs); " +
          "smaller changes cannot be told from noise: raise the threshold or lengthen the window",
      ]);
    });

    it("warns in the metric's unit for an absolute threshold", () => {
      expect(warnings({ kind: "absolute", value: 3 })).toEqual([
        "threshold 3 but this metric moves ±5.93 between quiet windows (6 earlier pairs); " +
          "smaller changes cannot be told from noise: raise the threshold or lengthen the window",
      ]);
    });

    it.each([
      ["relative 6 %", { kind: "relative", value: 0.06 }],
      ["absolute 6", { kind: "absolute", value: 6 }],
    ] as const)("does not warn with a threshold above the noise (%s)", (_, threshold) => {
      expect(warnings(threshold)).toEqual([]);
    });

    it("does not warn without enough history", () => {
      const short = { ...input, history: input.history!.slice(0, 2) };
      const result = detectChange(short, policy({ threshold: { kind: "relative", value: 0.02 } }));
      expect(result.explanation).toMatchObject({ noise: null, warnings: [] });
    });
  });
});

function slice(series: SeriesSamples, length: number): SeriesSamples {
  return { timestamps: series.timestamps.slice(0, length), values: series.values.slice(0, length) };
}
