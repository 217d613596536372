import { detectDrift, MIN_DRIFT_DEPLOYS } from "../../src/analysis/detect-drift.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";

type Policy = Pick<MetricPolicy, "better" | "threshold" | "alpha">;
const policy = (overrides: Partial<Policy> = {}): Policy => ({ better: "lower", threshold: { kind: "relative", value: 0.1 }, alpha: 0.001, ...overrides });
// Small fixed wiggles standing in for the measurement noise of a window median.
const wiggle = [0.002, -0.003, 0.001, 0.003, -0.002, 0, -0.001, 0.002, -0.003, 0.001, 0.002, -0.002];
const creep = (perDeploy: number, deploys: number, start = 100) =>
  Array.from({ length: deploys }, (_, k) => start * (1 + perDeploy) ** (k + 1) * (1 + wiggle[k % wiggle.length]!));

describe("detectDrift", () => {
  it("finds eight deploys of +2.5 % each (+22 % in all) a drift, each step under the 10 % threshold", () => {
    const result = detectDrift({ start: 100, levels: creep(0.025, 8) }, policy());
    expect(result.drifted).toBe(true);
    expect(result.changePct!).toBeGreaterThan(10);
    expect(result.changePoints.length).toBeGreaterThan(0);
    expect(result.test).toMatchObject({ n: 8 });
    expect(result.test.pValue!).toBeLessThan(0.001);
    expect(result.steps.every((step) => step > 0 && step < 10)).toBe(true);
    expect(result.reason).toMatch(/drifted \+\d+ % over 8 deploys, beyond the 10 % threshold/);
  });

  it("reads a metric where higher is better the other way round", () => {
    const falling = creep(-0.025, 8);
    expect(detectDrift({ start: 100, levels: falling }, policy({ better: "higher" })).drifted).toBe(true);
    const result = detectDrift({ start: 100, levels: falling }, policy());
    expect(result.drifted).toBe(false);
    expect(result.reason).toMatch(/better way/);
  });

  it("does not judge fewer deploys than it needs", () => {
    const result = detectDrift({ start: 100, levels: creep(0.05, MIN_DRIFT_DEPLOYS - 1) }, policy());
    expect(result).toMatchObject({ drifted: false, changePoints: [] });
    expect(result.reason).toMatch(/needed to tell a trend from noise/);
  });

  it("keeps a drift within the threshold to itself", () => {
    const result = detectDrift({ start: 100, levels: creep(0.01, 8) }, policy());
    expect(result.drifted).toBe(false);
    expect(result.reason).toMatch(/within the 10 % threshold/);
  });

  it("does not take a wander that goes both ways for a drift", () => {
    const steps = [0.06, -0.05, 0.07, -0.04, 0.06, 0.05, -0.03, 0.06, -0.02, 0.05];
    const levels = steps.reduce<number[]>((acc, s) => [...acc, (acc.at(-1) ?? 100) * (1 + s)], []);
    const result = detectDrift({ start: 100, levels }, policy());
    expect(result.changePct!).toBeGreaterThan(10);
    expect(result.drifted).toBe(false);
    expect(result.reason).toMatch(/random wander/);
  });

  it("does not move for stationary noise", () => {
    const levels = [101, 99, 102, 98, 100, 101, 99, 100, 102, 98].map((v) => v);
    const result = detectDrift({ start: 100, levels }, policy());
    expect(result.drifted).toBe(false);
  });

  it("leaves a one-off jump out of the noise estimate and says so", () => {
    const levels = [100.2, 100.1, 100.3, 130, 130.2, 130.1, 130.3, 130.2];
    const result = detectDrift({ start: 100, levels }, policy());
    expect(result.noise.excluded).toHaveLength(1);
    expect(result.noise.excluded[0]!).toBeCloseTo(29.7, 1);
    expect(result.changePoints).toEqual([3]);
  });

  it("uses differences and an absolute threshold when levels cross zero", () => {
    const levels = [-0.1, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((v, k) => v + wiggle[k]! / 10);
    const absolute = detectDrift({ start: -0.2, levels }, policy({ threshold: { kind: "absolute", value: 0.3 } }));
    expect(absolute).toMatchObject({ scale: "difference", drifted: true, changePct: null });
    const relative = detectDrift({ start: -0.2, levels }, policy());
    expect(relative.drifted).toBe(false);
    expect(relative.reason).toMatch(/set an absolute drift threshold/);
  });
});
