import { isWithinThreshold } from "../../src/analysis/is-within-threshold.js";
import type { MetricPolicy } from "../../src/analysis/verdict.js";

type Rule = Pick<MetricPolicy, "better" | "threshold">;
const lowerRel: Rule = { better: "lower", threshold: { kind: "relative", value: 0.1 } };
const higherRel: Rule = { better: "higher", threshold: { kind: "relative", value: 0.1 } };
const lowerAbs: Rule = { better: "lower", threshold: { kind: "absolute", value: 5 } };
const higherAbs: Rule = { better: "higher", threshold: { kind: "absolute", value: 5 } };

describe("isWithinThreshold", () => {
  it.each([
    // level, value, rule, within, why
    [100, 90, lowerRel, true, "better than the level"],
    [100, 100, lowerRel, true, "equal to the level"],
    [100, 110, lowerRel, true, "worse by exactly the threshold"],
    [100, 110.5, lowerRel, false, "worse by more than the threshold"],
    [100, 150, higherRel, true, "higher is better"],
    [100, 90, higherRel, true, "lower by exactly 10 % when higher is better"],
    [100, 89, higherRel, false, "lower by 11 % when higher is better"],
    [-10, -11, higherRel, true, "negative level: relative to |level|"],
    [-10, -11.5, higherRel, false, "negative level, beyond"],
    [0, 0, lowerRel, true, "zero level, unchanged"],
    [0, -1, lowerRel, true, "zero level, better"],
    [0, 0.001, lowerRel, false, "zero level: any worsening is beyond a relative threshold"],
    [2, 7, lowerAbs, true, "absolute: worse by exactly 5"],
    [2, 7.5, lowerAbs, false, "absolute: worse by 5.5"],
    [2, -30, lowerAbs, true, "absolute: far better"],
    [0, -5, higherAbs, true, "absolute, higher better, zero level"],
    [0, -5.01, higherAbs, false, "absolute, higher better, beyond"],
    [100, NaN, lowerRel, false, "an unreadable value is no recovery"],
    [NaN, 100, lowerRel, false, "an unknown level proves nothing"],
    [100, -Infinity, lowerRel, false, "infinite values are unreadable too"],
  ] as const)("level %d, value %d → %s (%s)", (level, value, rule, within, _why) => {
    expect(isWithinThreshold(level, value, rule)).toBe(within);
  });
});
