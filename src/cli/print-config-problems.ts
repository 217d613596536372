import type { LocatedProblem } from "../config/load-config-file.js";
import type { FilePosition } from "../config/locate-problem.js";

/** Every problem of a kaizen.yml on stderr, top to bottom as in the file, each with its fix. */
export function printConfigProblems(file: string, problems: LocatedProblem[]): void {
  for (const { path, message, fix, position } of [...problems].sort(byPosition)) {
    console.error(formatProblem(file, position, `${path}: ${message}  Fix: ${fix}`));
  }
}

/** Orders problems top to bottom as they stand in the file, the way editors list them; unplaced ones first. */
export function byPosition(a: { position?: FilePosition }, b: { position?: FilePosition }): number {
  return (a.position?.line ?? 0) - (b.position?.line ?? 0) || (a.position?.col ?? 0) - (b.position?.col ?? 0);
}

/**
 * One problem on one line, `file:line:col  what is wrong`, the shape compilers and linters print, so editors,
 * terminals and CI logs turn it into a link and `grep` finds it.
 */
export function formatProblem(file: string, position: FilePosition | undefined, text: string): string {
  return `${file}${position ? `:${position.line}:${position.col}` : ""}  ${text}`;
}
