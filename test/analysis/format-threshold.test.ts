import { formatThreshold } from "../../src/analysis/verdict.js";
import type { Threshold } from "../../src/analysis/verdict.js";

describe("formatThreshold", () => {
  it.each([
    [{ kind: "relative", value: 0.1 }, "s", "10 %"],
    [{ kind: "relative", value: 0.07 }, "", "7 %"],
    [{ kind: "relative", value: 0.025 }, "ms", "2.5 %"],
    [{ kind: "relative", value: 1.5 }, "", "150 %"],
    [{ kind: "absolute", value: 0.05 }, "s", "0.05 s"],
    [{ kind: "absolute", value: 200 }, "", "200"],
  ] as const)("%j with unit %j → %j", (threshold, unit, text) => {
    expect(formatThreshold(threshold as Threshold, unit)).toBe(text);
  });
});
