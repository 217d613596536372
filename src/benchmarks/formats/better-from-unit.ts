const TIME = "(?:ns|us|µs|μs|ms|s|secs?|seconds?|milliseconds?|microseconds?|nanoseconds?)";

/** A time, or a time per something (`ns/op`, `ms/iter`): less is faster. */
const TIME_UNIT = new RegExp(`^${TIME}(?:/[\\w.-]+)?$`, "i");
/** Something per second (`ops/sec`, `req/s`, `MB/s`), or a speed-up factor (`x faster`): more is better. */
const RATE_UNIT = /(?:\/\s*(?:s|secs?|seconds?)$|\bper\s+second\b|\bfaster\b)/i;

/**
 * Which direction is an improvement, read from a unit when the unit leaves no doubt; null otherwise (a size, a
 * percentage, a count: config's `better` decides, default lower). Used by the formats whose files carry free
 * units: github-action-benchmark custom JSON and Go's custom metrics.
 */
export function betterFromUnit(unit: string): "lower" | "higher" | null {
  const trimmed = unit.trim();
  if (RATE_UNIT.test(trimmed)) return "higher";
  if (TIME_UNIT.test(trimmed)) return "lower";
  return null;
}
