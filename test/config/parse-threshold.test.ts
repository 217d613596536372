import { parseThreshold } from "../../src/config/parse-threshold.js";

describe("parseThreshold", () => {
  it.each([
    ["10%", { kind: "relative", value: 0.1 }],
    ["2.5 %", { kind: "relative", value: 0.025 }],
    ["0%", { kind: "relative", value: 0 }],
    ["150%", { kind: "relative", value: 1.5 }],
    [0.05, { kind: "absolute", value: 0.05 }],
    [0, { kind: "absolute", value: 0 }],
    [120, { kind: "absolute", value: 120 }],
  ])("reads %j as %j", (input, threshold) => {
    expect(parseThreshold(input)).toEqual(threshold);
  });

  it.each(["10", "ten%", "-5%", "%", "0.05", -0.1, Number.NaN, Number.POSITIVE_INFINITY])("rejects %j", (input) => {
    expect(parseThreshold(input)).toBeNull();
  });
});
