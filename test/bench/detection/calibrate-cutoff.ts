import type { ReferenceScore } from "./reference-score.js";

/**
 * The lowest cut-off at which a reference flags at most `rate` of the given quiet series (flagged: beyond the
 * threshold and strength > cut-off). Ties at the cut-off stay unflagged, so the rate is never exceeded.
 */
export function calibrateCutoff(quiet: ReferenceScore[], rate: number): number {
  const strengths = quiet
    .flatMap((score) => (score.measured && score.beyond ? [score.strength] : []))
    .sort((a, b) => b - a);
  const allowed = Math.floor(rate * quiet.length);
  return allowed < strengths.length ? strengths[allowed]! : 0;
}
