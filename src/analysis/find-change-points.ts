/**
 * Where the mean of a sequence moves: PELT (Killick, Fearnhead & Eckley 2012, "Optimal detection of changepoints
 * with a linear computational cost") with a Gaussian mean-shift cost. It returns the segmentation that minimises
 * the sum over segments of the squared deviations from each segment's mean (in units of `variance`) plus
 * `penalty` per segment; pruning drops start points that can never be optimal again, so long sequences stay linear.
 *
 * Returns the indices where a new segment starts (ascending, never 0); an empty list means one level throughout.
 * `variance` is the noise of a single value: 0 or a non-finite value makes every distinct value its own level, so
 * callers pass a floor.
 */
export function findChangePoints(values: readonly number[], variance: number, penalty: number): number[] {
  const n = values.length;
  if (n < 2) return [];
  const scale = variance > 0 && Number.isFinite(variance) ? variance : Number.MIN_VALUE;
  const sum = [0];
  const squares = [0];
  for (const [i, value] of values.entries()) {
    sum.push(sum[i]! + value);
    squares.push(squares[i]! + value * value);
  }
  // Cost of values[start .. end − 1] as one segment.
  const cost = (start: number, end: number) => {
    const count = end - start;
    const total = sum[end]! - sum[start]!;
    return Math.max(0, squares[end]! - squares[start]! - (total * total) / count) / scale;
  };

  const best = [-penalty];
  const lastStart = [0];
  let candidates = [0];
  for (let end = 1; end <= n; end += 1) {
    let bestValue = Infinity;
    let bestStart = 0;
    const totals = candidates.map((start) => best[start]! + cost(start, end) + penalty);
    totals.forEach((total, k) => {
      if (total < bestValue) {
        bestValue = total;
        bestStart = candidates[k]!;
      }
    });
    best.push(bestValue);
    lastStart.push(bestStart);
    // PELT's pruning: a start whose cost so far already exceeds the optimum by the penalty never wins later.
    candidates = candidates.filter((_, k) => totals[k]! - penalty <= bestValue);
    candidates.push(end);
  }

  const points: number[] = [];
  for (let end = n; end > 0; end = lastStart[end]!) {
    if (lastStart[end]! > 0) points.push(lastStart[end]!);
  }
  return points.reverse();
}
