import type { LocatedProblem } from "../config/load-config-file.js";
import { byPosition } from "./by-position.js";
import { formatProblem } from "./format-problem.js";

/** Every problem of a kaizen.yml on stderr, top to bottom as in the file, each with its fix. */
export function printConfigProblems(file: string, problems: LocatedProblem[]): void {
  for (const { path, message, fix, position } of [...problems].sort(byPosition)) {
    console.error(formatProblem(file, position, `${path}: ${message}  Fix: ${fix}`));
  }
}
