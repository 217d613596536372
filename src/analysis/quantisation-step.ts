/** Few enough distinct values to call a window pair quantised: a gauge on a coarse grid, not a continuous one. */
const MAX_LEVELS = 12;

/**
 * The grid step of a quantised gauge (one reporting only a few distinct values, like a CPU share of 5.83 / 6.04 /
 * 6.23): the smallest gap between its distinct values; null for a continuous metric. Medians on a grid move in
 * whole or half steps, so a move below one step is the median hopping between neighbours, not the level moving.
 */
export function quantisationStep(before: number[], after: number[]): number | null {
  const levels = [...new Set([...before, ...after])].sort((a, b) => a - b);
  if (levels.length < 2 || levels.length > MAX_LEVELS || levels.length * 4 > before.length + after.length) return null;
  let step = Infinity;
  for (let k = 1; k < levels.length; k++) step = Math.min(step, levels[k]! - levels[k - 1]!);
  return step;
}

