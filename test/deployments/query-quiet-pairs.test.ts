import { evaluationWindows, quietPairs, type BaselineMode } from "../../src/analysis/evaluation-windows.js";
import { queryQuietPairs } from "../../src/deployments/query-quiet-pairs.js";
import { SourceError, type MetricsSource } from "../../src/deployments/sources/metrics-source.js";
import { type TimeWindow } from "../../src/analysis/time-window.js";

// The quiet pairs as the pipeline fetches them. (It lives in src/pipeline; it is tested here beside quietPairs.)
const MINUTE = 60_000;
const t = new Date("2026-03-04T12:00:00Z");
const windowsFor = (baseline: BaselineMode) => evaluationWindows(t, { soak: 10 * MINUTE, window: 30 * MINUTE, baseline });

/** A source of our own interface answering like Prometheus: a sample at every step from start to end inclusive, valued at its own time. */
function fakeSource(fail?: Error): MetricsSource & { ranges: TimeWindow[] } {
  const ranges: TimeWindow[] = [];
  return {
    name: "fake",
    kind: "fake",
    ranges,
    async queryRange(_query, window, stepSeconds) {
      ranges.push(window);
      if (fail) throw fail;
      const timestamps: number[] = [];
      for (let s = window.start.getTime() / 1000; s <= window.end.getTime() / 1000; s += stepSeconds) timestamps.push(s);
      return { timestamps, values: [...timestamps] };
    },
    graphUrl: () => "",
  };
}

describe("queryQuietPairs", () => {
  it.each([
    ["previous-window", [[-220, 0]]],
    [
      "same-window-yesterday",
      [
        [-180 - 24 * 60, -24 * 60],
        [-180, 0],
      ],
    ],
  ] as const)("with baseline %s queries each merged range once: %j minutes from t", async (mode, expected) => {
    const source = fakeSource();
    const pairs = quietPairs(t, windowsFor(mode), 6);
    const samples = await queryQuietPairs(source, "up", pairs, 30);
    const minutes = (d: Date) => (d.getTime() - t.getTime()) / MINUTE;
    expect(source.ranges.map((r) => [minutes(r.start), minutes(r.end)])).toEqual(expected);
    // Every window gets exactly its own 60 samples, [start, end), whatever range they came from.
    expect(samples).toHaveLength(6);
    samples.forEach((pair, i) => {
      for (const side of ["baseline", "candidate"] as const) {
        const window = pairs[i]![side];
        expect(pair[side].timestamps).toHaveLength(60);
        expect(pair[side].timestamps[0]).toBe(window.start.getTime() / 1000);
        expect(pair[side].timestamps.at(-1)).toBe(window.end.getTime() / 1000 - 30);
        expect(pair[side].values).toEqual(pair[side].timestamps);
      }
    });
  });

  it("does not change the pairs it was given", async () => {
    const pairs = quietPairs(t, windowsFor("previous-window"), 3);
    const copy = structuredClone(pairs);
    await queryQuietPairs(fakeSource(), "up", pairs, 30);
    expect(pairs).toEqual(copy);
  });

  it("asks nothing when there are no pairs", async () => {
    const source = fakeSource();
    expect(await queryQuietPairs(source, "up", [], 30)).toEqual([]);
    expect(source.ranges).toEqual([]);
  });

  it("judges without history when the source cannot answer", async () => {
    const pairs = quietPairs(t, windowsFor("previous-window"), 6);
    expect(await queryQuietPairs(fakeSource(new SourceError("timeout")), "up", pairs, 30)).toEqual([]);
  });

  it("lets any other failure through", async () => {
    const pairs = quietPairs(t, windowsFor("previous-window"), 6);
    await expect(queryQuietPairs(fakeSource(new TypeError("bug")), "up", pairs, 30)).rejects.toThrow("bug");
  });
});
