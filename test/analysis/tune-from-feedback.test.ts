import { adjustmentNote, noiseFloor, suggestTuning, type FalseAlarm, type TuningSettings } from "../../src/analysis/tune-from-feedback.js";
import { emptyExplanation, type VerdictExplanation } from "../../src/analysis/verdict.js";

const SETTINGS: TuningSettings = { threshold: { kind: "relative", value: 0.1 }, unit: "s", kind: "gauge", noiseWindows: 6, baseline: "previous-window" };
const measured = (extra: Partial<VerdictExplanation> = {}): VerdictExplanation => ({ ...emptyExplanation(), noise: { relative: 0.05, absolute: 0.005, windows: 6 }, ...extra });
const alarm = (changePct: number, hour: number, explanation: VerdictExplanation | null = measured()): FalseAlarm => ({
  deployedAt: new Date(Date.UTC(2026, 10, 1 + hour, hour)),
  changePct,
  changeAbs: changePct / 1000,
  explanation,
});

describe("suggestTuning", () => {
  it.each<[string, FalseAlarm[], Partial<TuningSettings>, string | null]>([
    ["nothing without false alarms", [], {}, null],
    ["kind: counter when the values only rose", [alarm(30, 1, measured({ warnings: ["values only ever rise, like a counter: set `kind: counter`"] })), alarm(20, 9)], {}, "`kind: counter`"],
    ["not kind: counter for a counter already", [alarm(30, 1, measured({ warnings: ["values only ever rise, like a counter"] })), alarm(20, 9)], { kind: "counter" }, "`threshold: 33%`"],
    ["more noise windows when the noise was unknown", [alarm(30, 1, measured({ noise: null })), alarm(20, 9)], {}, "`deployments.noise_windows: 12`"],
    ["more noise windows when it came from few pairs", [alarm(30, 1, measured({ noise: { relative: 0.1, absolute: 0.01, windows: 2 } }))], { noiseWindows: 2 }, "`deployments.noise_windows: 6`"],
    ["the seasonal baseline at the same time of day", [alarm(30, 10), alarm(20, 11), alarm(25, 23 + 10 - 23)], {}, "`deployments.baseline: same-window-yesterday`"],
    ["the seasonal baseline across midnight", [alarm(30, 23), alarm(20, 0)], {}, "`deployments.baseline: same-window-yesterday`"],
    ["a threshold just above the largest move otherwise", [alarm(30, 1), alarm(-45, 9), alarm(20, 17)], {}, "`threshold: 50%`"],
    ["no threshold when the configured one clears them", [alarm(5, 1), alarm(4, 9)], {}, null],
    ["an absolute threshold in the metric's unit", [alarm(30, 1), alarm(20, 9)], { threshold: { kind: "absolute", value: 0.01 } }, "`threshold: 0.033`"],
  ])("%s", (_what, alarms, settings, change) => {
    expect(suggestTuning(alarms, { ...SETTINGS, ...settings })?.change ?? null).toBe(change);
  });

  it("says what the suggestion rests on", () => {
    expect(suggestTuning([alarm(30, 1), alarm(20, 9)], SETTINGS)).toEqual({ change: "`threshold: 33%`", because: "2 false alarms moved at most 30 %" });
  });
});

describe("noiseFloor", () => {
  it.each<[string, number[], number, number | null]>([
    ["just above the largest marked move", [55, 52, 40], 10, 0.61],
    ["at most max_raise times the configured threshold", [55, 52], 3, 0.3],
    ["none when the configured threshold clears every move", [8, 9], 5, null],
  ])("%s", (_what, moves, maxRaise, value) => {
    const floor = noiseFloor(moves.map((m, i) => alarm(m, i * 8)), { kind: "relative", value: 0.1 }, maxRaise);
    expect(floor).toEqual(value === null ? null : { kind: "relative", value });
  });
});

describe("adjustmentNote", () => {
  it("names the false alarms, the day and the change", () => {
    const adjustment = { falseAlarms: 3, appliedAt: new Date("2026-12-06T01:00:00Z"), thresholdBefore: { kind: "relative", value: 0.1 }, threshold: { kind: "relative", value: 0.61 } } as const;
    expect(adjustmentNote(adjustment, "s")).toBe("noise floor raised after 3 false alarms, on 2026-12-06 (threshold 10 % → 61 %)");
  });
});
