import type { Verdict } from "../../src/analysis/verdict.js";
import { checkConclusion } from "../../src/github/check-run.js";
import { checkTitle } from "../../src/markdown/format.js";

describe("checkConclusion", () => {
  it.each<[Verdict[], boolean, string]>([
    [["regression"], true, "failure"],
    [["regression", "inconclusive"], true, "failure"],
    [["regression"], false, "success"],
    [["regression", "inconclusive"], false, "neutral"],
    [["no-change", "inconclusive"], true, "neutral"],
    [["improvement", "no-change"], true, "success"],
    [[], true, "success"],
  ])("concludes %p with gate %p as %s", (verdicts, gate, expected) => {
    expect(checkConclusion(verdicts, gate)).toBe(expected);
  });
});

describe("checkTitle", () => {
  it.each<[Verdict[], string]>([
    [["regression", "no-change", "inconclusive", "no-change"], "1 regression, 2 no change, 1 inconclusive"],
    [["improvement", "regression", "regression", "improvement"], "2 regressions, 2 improvements"],
    [["inconclusive", "inconclusive"], "2 inconclusive"],
    [["no-change"], "1 no change"],
    [[], "No metrics evaluated"],
  ])("titles %p as %p", (verdicts, expected) => {
    expect(checkTitle(verdicts)).toBe(expected);
  });
});
