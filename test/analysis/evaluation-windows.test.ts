import { evaluationWindows, quietPairs, type BaselineMode } from "../../src/analysis/evaluation-windows.js";

const MINUTE = 60_000;
const t = new Date("2026-03-04T12:00:00Z");
const at = (minutes: number) => new Date(t.getTime() + minutes * MINUTE);
const timing = { soak: 10 * MINUTE, window: 30 * MINUTE };
const length = (w: { start: Date; end: Date }) => w.end.getTime() - w.start.getTime();

describe("evaluationWindows", () => {
  it.each([
    ["previous-window", at(-30), at(0)],
    ["same-window-yesterday", at(10 - 24 * 60), at(40 - 24 * 60)],
    ["same-window-last-week", at(10 - 7 * 24 * 60), at(40 - 7 * 24 * 60)],
  ] as const)("with baseline %s: candidate [t + soak, t + soak + window), baseline %s – %s", (baseline, start, end) => {
    expect(evaluationWindows(t, { ...timing, baseline })).toEqual({
      baseline: { start, end },
      candidate: { start: at(10), end: at(40) },
    });
  });

  it("defaults to the window just before the deployment", () => {
    expect(evaluationWindows(t, timing)).toEqual(evaluationWindows(t, { ...timing, baseline: "previous-window" }));
  });

  it("starts the candidate at t itself without a soak", () => {
    expect(evaluationWindows(t, { soak: 0, window: 5 * MINUTE }).candidate).toEqual({ start: t, end: at(5) });
  });
});

describe("quietPairs", () => {
  const modes: BaselineMode[] = ["previous-window", "same-window-yesterday", "same-window-last-week"];

  it("makes pair 1's candidate the real baseline with the default baseline", () => {
    const windows = evaluationWindows(t, timing);
    const [first, second] = quietPairs(t, windows, 2);
    expect(first!.candidate).toEqual(windows.baseline);
    // Its baseline sits as far before it as the real baseline sits before the real candidate (soak + window).
    expect(first!.baseline).toEqual({ start: at(-70), end: at(-40) });
    expect(second).toEqual({ baseline: { start: at(-100), end: at(-70) }, candidate: { start: at(-60), end: at(-30) } });
  });

  it.each(modes)("with baseline %s: every pair lies wholly before t, newest first, shaped like the real pair", (mode) => {
    const windows = evaluationWindows(t, { ...timing, baseline: mode });
    const offset = windows.candidate.start.getTime() - windows.baseline.start.getTime();
    const pairs = quietPairs(t, windows, 6);
    expect(pairs).toHaveLength(6);
    pairs.forEach((pair, index) => {
      expect(pair.candidate.end).toEqual(at(-30 * index));
      expect(length(pair.candidate)).toBe(30 * MINUTE);
      expect(length(pair.baseline)).toBe(30 * MINUTE);
      expect(pair.candidate.start.getTime() - pair.baseline.start.getTime()).toBe(offset);
      expect(pair.baseline.end.getTime()).toBeLessThanOrEqual(t.getTime());
    });
  });

  it("puts a day between the windows of each pair with the same-window-yesterday baseline", () => {
    const pairs = quietPairs(t, evaluationWindows(t, { ...timing, baseline: "same-window-yesterday" }), 1);
    expect(pairs).toEqual([
      { baseline: { start: at(-30 - 24 * 60), end: at(-24 * 60) }, candidate: { start: at(-30), end: t } },
    ]);
  });

  it("makes no pairs when the estimate is turned off", () => {
    expect(quietPairs(t, evaluationWindows(t, timing), 0)).toEqual([]);
  });
});
