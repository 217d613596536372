import { nearestWithResults } from "../../src/benchmarks/choose-benchmark-baseline.js";

describe("nearestWithResults", () => {
  const walk = ["c0", "c1", "c2", "c3"];

  it.each([
    [["c0", "c2"], { sha: "c0", distance: 0 }],
    [["c2", "c3"], { sha: "c2", distance: 2 }],
    [["c3"], { sha: "c3", distance: 3 }],
    [[], null],
    [["elsewhere"], null],
  ])("with results at %j → %j", (withResults, expected) => {
    expect(nearestWithResults(walk, new Set(withResults))).toEqual(expected);
  });

  it("finds nothing in an empty walk (a root commit has no parent)", () => {
    expect(nearestWithResults([], new Set(["c0"]))).toBeNull();
  });
});
