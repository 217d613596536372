import { isWorthCommenting } from "../../src/github/is-worth-commenting.js";

describe("isWorthCommenting", () => {
  it.each([
    ["always", [], true],
    ["always", ["no-change", "inconclusive"], true],
    ["on-change", ["no-change", "improvement"], true],
    ["on-change", ["regression"], true],
    ["on-change", ["no-change", "inconclusive"], false],
    ["on-regression", ["regression", "no-change"], true],
    ["on-regression", ["improvement", "inconclusive"], false],
    ["on-regression", [], false],
  ] as const)("under %s, verdicts %j → %s", (policy, verdicts, expected) => {
    expect(isWorthCommenting(verdicts, policy)).toBe(expected);
  });
});
