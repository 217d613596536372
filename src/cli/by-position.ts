import type { FilePosition } from "../config/locate-problem.js";

/** Orders problems top to bottom as they stand in the file, the way editors list them; unplaced ones first. */
export function byPosition(a: { position?: FilePosition }, b: { position?: FilePosition }): number {
  return (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0);
}
