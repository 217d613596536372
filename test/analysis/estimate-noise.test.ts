import { estimateNoise, MIN_NOISE_WINDOWS } from "../../src/analysis/estimate-noise.js";
import type { SeriesSamples } from "../../src/analysis/time-window.js";

const samples = (values: number[]): SeriesSamples => ({ timestamps: values.map((_, i) => i * 30), values });
/** A quiet pair whose window medians are `before` and `after` (three values around each). */
const pair = (before: number, after: number) => ({
  baseline: samples([before - 1, before, before + 1]),
  candidate: samples([after - 1, after, after + 1]),
});

describe("estimateNoise", () => {
  it("is 1.4826 × the median absolute change of median, relative to the median baseline level", () => {
    // Changes |Δ| = 2, 4, 4, 6, 10 → median 4; baseline levels 100, 100, 98, 102, 100 → median 100.
    const pairs = [pair(100, 102), pair(100, 96), pair(98, 102), pair(102, 96), pair(100, 110)];
    const noise = estimateNoise(pairs, 3)!;
    expect(noise.absolute).toBeCloseTo(1.4826 * 4, 12);
    expect(noise.relative).toBeCloseTo((1.4826 * 4) / 100, 12);
    expect(noise.windows).toBe(5);
  });

  it("measures quantised pairs by their trimmed means, which do not hop whole grid steps as medians do", () => {
    // A gauge halfway between 2.0 and 2.2: 20 values of each side, give or take one. The medians of four of six
    // pairs hop a whole step (±0.2, a noise of ±0.3); the trimmed means move ±1/60 or 0.
    const window = (low: number) => samples([...Array<number>(low).fill(2), ...Array<number>(40 - low).fill(2.2)]);
    const hop = (from: number, to: number) => ({ baseline: window(from), candidate: window(to) });
    const pairs = [hop(21, 19), hop(19, 21), hop(21, 19), hop(19, 21), hop(20, 20), hop(21, 21)];
    const noise = estimateNoise(pairs, 3)!;
    expect(noise.absolute).toBeCloseTo(1.4826 / 60, 9);
    expect(noise.windows).toBe(6);
  });

  it("counts steady drift as noise: the scale is taken around zero, not around the mean change", () => {
    const noise = estimateNoise([pair(100, 105), pair(105, 110), pair(110, 115)], 3)!;
    expect(noise.absolute).toBeCloseTo(1.4826 * 5, 12);
  });

  it("is not inflated by one pair that contained an earlier deployment", () => {
    const quiet = [pair(100, 101), pair(100, 99), pair(100, 101), pair(100, 99)];
    const withDeployment = estimateNoise([...quiet, pair(100, 150)], 3)!;
    expect(withDeployment.absolute).toBeCloseTo(1.4826, 12);
  });

  describe("with earlier deploys among the quiet pairs", () => {
    const quiet = [pair(100, 101), pair(100, 99), pair(100, 102)];
    it.each([
      ["one step among five quiet pairs", [...quiet, pair(100, 99), pair(100, 101), pair(100, 140)], [40]],
      ["two steps among six pairs", [...quiet, pair(100, 101), pair(100, 130), pair(100, 55)], [-45, 30]],
      ["three steps among six pairs: half the history", [...quiet, pair(100, 125), pair(100, 70), pair(100, 150)], [50, -30, 25]],
    ])("leaves out %s and names their changes", (_, pairs, excluded) => {
      const noise = estimateNoise(pairs, 3)!;
      expect(noise.excluded).toEqual(excluded);
      expect(noise.windows).toBe(pairs.length - excluded.length);
      expect(noise.absolute).toBeLessThanOrEqual(1.4826 * 2);
    });

    it.each([
      ["changes of similar size (a daily rhythm)", [pair(100, 102), pair(100, 104), pair(100, 106), pair(100, 108), pair(100, 110)]],
      ["a largest change within 4 noise sd of the others", [...quiet, pair(100, 101), pair(100, 105)]],
    ])("keeps every pair for %s", (_, pairs) => {
      expect(estimateNoise(pairs, 3)!.excluded).toBeUndefined();
    });

    it("keeps a pair whose change is large next to the others but ordinary for its own samples", () => {
      // Windows spread ±50 around their medians: a move of 10 is well within the samples' own error.
      const wide = (before: number, after: number) => ({
        baseline: samples([before - 50, before, before + 50]),
        candidate: samples([after - 50, after, after + 50]),
      });
      const pairs = [wide(100, 100.5), wide(100, 99.5), wide(100, 100.4), wide(100, 99.6), wide(100, 110)];
      expect(estimateNoise(pairs, 3)!.excluded).toBeUndefined();
    });

    it("asks more of a pair's own change when its samples are autocorrelated", () => {
      const pairs = [...quiet, pair(100, 101), pair(100, 110)];
      expect(estimateNoise(pairs, 3, 1)!.excluded).toEqual([10]);
      expect(estimateNoise(pairs, 3, 20)!.excluded).toBeUndefined();
    });

    it(`never keeps fewer than ${MIN_NOISE_WINDOWS} pairs`, () => {
      const noise = estimateNoise([pair(100, 100.5), pair(100, 101), pair(100, 110), pair(100, 200), pair(100, 400)], 3)!;
      expect(noise.windows).toBe(MIN_NOISE_WINDOWS);
      expect(noise.excluded).toEqual([300, 100]);
    });
  });

  it(`needs ${MIN_NOISE_WINDOWS} usable pairs`, () => {
    expect(MIN_NOISE_WINDOWS).toBe(3);
    expect(estimateNoise([], 3)).toBeNull();
    expect(estimateNoise([pair(100, 101), pair(100, 99)], 3)).toBeNull();
  });

  it("skips pairs with a window under minSamples, and non-finite values", () => {
    const short = { baseline: samples([100, 101]), candidate: samples([100, 200, 300]) };
    const nonFinite = { baseline: samples([100, NaN, Infinity]), candidate: samples([99, 100, 101]) };
    const usable = [pair(100, 102), pair(100, 98), pair(100, 102)];
    expect(estimateNoise([short, nonFinite, ...usable.slice(0, 2)], 3)).toBeNull();
    expect(estimateNoise([short, nonFinite, ...usable], 3)).toEqual({
      absolute: 1.4826 * 2,
      relative: (1.4826 * 2) / 100,
      windows: 3,
    });
  });

  it("has no relative size when the typical level is 0", () => {
    const noise = estimateNoise([pair(0, 1), pair(0, -1), pair(0, 2)], 3)!;
    expect(noise).toEqual({ absolute: 1.4826, relative: null, windows: 3 });
  });

  it("relates to the magnitude of a negative level", () => {
    const noise = estimateNoise([pair(-50, -49), pair(-50, -51), pair(-50, -49)], 3)!;
    expect(noise.relative).toBeCloseTo(1.4826 / 50, 12);
  });

  it("is zero for a metric that never moves", () => {
    expect(estimateNoise([pair(7, 7), pair(7, 7), pair(7, 7)], 3)).toEqual({ absolute: 0, relative: 0, windows: 3 });
  });
});
