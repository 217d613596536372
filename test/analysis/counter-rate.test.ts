import { counterRate } from "../../src/analysis/counter-rate.js";

describe("counterRate", () => {
  it("turns increases into per-second rates stamped with the later sample", () => {
    expect(counterRate({ timestamps: [0, 30, 60, 90], values: [100, 130, 190, 190] })).toEqual({
      timestamps: [30, 60, 90],
      values: [1, 2, 0],
    });
  });

  it("divides by the actual time between samples when they are unevenly spaced", () => {
    expect(counterRate({ timestamps: [0, 10, 70, 100], values: [0, 50, 110, 140] })).toEqual({
      timestamps: [10, 70, 100],
      values: [5, 1, 1],
    });
  });

  it("reads a drop as a restart from 0: the increase across it is the new value", () => {
    // 500 → 20: the process restarted and counted 20 since; then counting resumes from there.
    expect(counterRate({ timestamps: [0, 30, 60, 90], values: [470, 500, 20, 50] })).toEqual({
      timestamps: [30, 60, 90],
      values: [1, 20 / 30, 1],
    });
  });

  it("gives a rate of 0 across a reset that lands exactly on 0", () => {
    expect(counterRate({ timestamps: [0, 30, 60], values: [900, 0, 60] }).values).toEqual([0, 2]);
  });

  it.each([
    ["a repeated timestamp", [0, 30, 30, 60]],
    ["a timestamp going backwards", [0, 30, 20, 60]],
  ])("skips %s instead of dividing by zero or a negative time", (_, timestamps) => {
    const rates = counterRate({ timestamps, values: [0, 30, 40, 70] });
    expect(rates.timestamps).toEqual([30, 60]);
    // The dropped sample is not the start of the next rate: (70 − 30) / (60 − 30).
    expect(rates.values).toEqual([1, 40 / 30]);
  });

  it.each([
    ["no samples", []],
    ["one sample", [42]],
  ])("has no rate for %s", (_, values) => {
    expect(counterRate({ timestamps: values.map((_, i) => i * 30), values })).toEqual({ timestamps: [], values: [] });
  });
});
