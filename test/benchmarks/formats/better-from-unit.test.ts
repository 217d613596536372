import { betterFromUnit } from "../../../src/benchmarks/formats/better-from-unit.js";

describe("betterFromUnit", () => {
  it.each([
    ["ns", "lower"],
    ["ms", "lower"],
    ["µs", "lower"],
    ["seconds", "lower"],
    ["ns/iter", "lower"],
    ["ms/op", "lower"],
    ["ops/sec", "higher"],
    ["req/s", "higher"],
    ["MB/s", "higher"],
    ["items per second", "higher"],
    ["x faster", "higher"],
    ["Percent", null],
    ["Megabytes", null],
    ["bytes/copy", null],
    ["", null],
  ])("reads %j as %s", (unit, better) => {
    expect(betterFromUnit(unit)).toBe(better);
  });
});
