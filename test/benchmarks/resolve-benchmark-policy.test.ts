import type { Threshold } from "../../src/analysis/verdict.js";
import { globMatches, resolveBenchmarkPolicy } from "../../src/benchmarks/resolve-benchmark-policy.js";
import { growthRatio } from "../helpers/growth-ratio.js";

const tenPercent: Threshold = { kind: "relative", value: 0.1 };
const config = (overrides: Array<{ name: string; measure?: string; better?: "lower" | "higher"; threshold?: Threshold }> = []) => ({
  threshold: tenPercent,
  overrides,
});
const result = (benchmark: string, better: "lower" | "higher" | null = null, measure = "ns/op") => ({ benchmark, measure, better });

describe("resolveBenchmarkPolicy", () => {
  it.each([
    ["the format's direction", result("Parse", "higher"), "higher", "format"],
    ["lower when the format does not say", result("Parse"), "lower", "default"],
  ] as const)("takes %s", (_, input, better, betterFrom) => {
    expect(resolveBenchmarkPolicy(config(), input)).toEqual({ better, threshold: tenPercent, betterFrom });
  });

  it("lets an override by glob name win over the format", () => {
    const policy = resolveBenchmarkPolicy(config([{ name: "Parse*", better: "lower" }]), result("ParseJSON-8", "higher"));
    expect(policy).toEqual({ better: "lower", threshold: tenPercent, betterFrom: "config" });
  });

  it("applies an override with a measure to that measure only", () => {
    const overrides = config([{ name: "*", measure: "B/op", threshold: { kind: "relative", value: 0.5 } }]);
    expect(resolveBenchmarkPolicy(overrides, result("Parse", null, "B/op")).threshold).toEqual({ kind: "relative", value: 0.5 });
    expect(resolveBenchmarkPolicy(overrides, result("Parse", null, "ns/op")).threshold).toEqual(tenPercent);
  });

  it("applies every matching override in order, a later one winning per field", () => {
    const overrides = config([
      { name: "*", better: "higher", threshold: { kind: "relative", value: 0.2 } },
      { name: "Parse", threshold: { kind: "relative", value: 0.05 } },
    ]);
    expect(resolveBenchmarkPolicy(overrides, result("Parse"))).toEqual({ better: "higher", threshold: { kind: "relative", value: 0.05 }, betterFrom: "config" });
  });

  it("matches names literally apart from *", () => {
    const overrides = config([{ name: "a.b(c)", better: "higher" }]);
    expect(resolveBenchmarkPolicy(overrides, result("a.b(c)")).better).toBe("higher");
    expect(resolveBenchmarkPolicy(overrides, result("axb(c)")).better).toBe("lower");
  });
});

describe("globMatches", () => {
  it.each([
    ["Parse*", "ParseJSON-8", true],
    ["*", "", true],
    ["Benchmark*_*Parse", "Benchmark_a_Parse", true],
    ["Benchmark*_*Parse", "BenchmarkParse", false],
    ["a*a", "a", false],
    ["a*b*c", "abxbc", true],
    ["a*b*c", "acb", false],
    ["exact", "exact", true],
    ["exact", "exactly", false],
    ["*.*", "a.b", true],
    ["(a+)+", "(a+)+", true],
  ] as const)("%s against %s is %s", (pattern, name, matches) => {
    expect(globMatches(pattern, name)).toBe(matches);
  });

  it("matches `Benchmark*_*_*_*Parse` against a 1 009-character crafted name in time linear in the name", () => {
    // Every `_` is a place a backtracking matcher would try each remaining `*`: 70 s with a regular expression.
    const crafted = (length: number) => `Benchmark${"_".repeat(length - 9)}`;
    const match = (name: string) => {
      for (let i = 0; i < 20; i++) expect(globMatches("Benchmark*_*_*_*Parse", name)).toBe(false);
    };
    // 4× the name: about 4× the time when linear, 64× for the cubic backtracking of `*_*_*`; failing past 16×.
    expect(growthRatio(match, crafted, 1_009, 4)).toBeLessThan(16);
  });
});
