import { findChangePoints } from "../../src/analysis/find-change-points.js";

describe("findChangePoints", () => {
  it.each([
    { name: "one level", values: [1, 1.01, 0.99, 1, 1.02, 0.98, 1], expected: [] },
    { name: "one step", values: [1, 1.01, 0.99, 1, 2, 2.01, 1.99, 2], expected: [4] },
    { name: "up and back", values: [1, 1, 1, 3, 3, 3, 1, 1, 1], expected: [3, 6] },
    { name: "a staircase", values: [0, 0, 1, 1, 2, 2, 3, 3], expected: [2, 4, 6] },
    { name: "too short to split", values: [5], expected: [] },
  ])("finds where the mean moves: $name", ({ values, expected }) => {
    expect(findChangePoints(values, 0.01 ** 2, 3 * Math.log(values.length))).toEqual(expected);
  });

  it("leaves noise within the given variance as one level", () => {
    const noisy = [0.1, -0.2, 0.15, -0.05, 0.2, -0.1, 0, 0.05, -0.15, 0.1];
    expect(findChangePoints(noisy, 0.15 ** 2, 3 * Math.log(noisy.length))).toEqual([]);
  });

  it("agrees with an exhaustive search over every segmentation (optimal partitioning)", () => {
    const values = [0.3, 0.1, 0.2, 1.4, 1.2, 1.1, 1.3, 0.6, 0.5, 0.7];
    const penalty = 0.5;
    const cost = (s: number, e: number) => {
      const part = values.slice(s, e);
      const mean = part.reduce((a, b) => a + b, 0) / part.length;
      return part.reduce((a, v) => a + (v - mean) ** 2, 0);
    };
    let best = { total: Infinity, cuts: [] as number[] };
    for (let mask = 0; mask < 2 ** (values.length - 1); mask += 1) {
      const cuts = [...Array(values.length - 1).keys()].filter((i) => mask & (1 << i)).map((i) => i + 1);
      const bounds = [0, ...cuts, values.length];
      const total = bounds.slice(1).reduce((sum, end, k) => sum + cost(bounds[k]!, end) + penalty, 0);
      if (total < best.total - 1e-12) best = { total, cuts };
    }
    expect(findChangePoints(values, 1, penalty)).toEqual(best.cuts);
  });
});
