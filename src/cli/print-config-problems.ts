import type { LocatedProblem } from "../config/load-config-file.js";
import { formatProblem } from "./format-problem.js";

/** Every problem of a kaizen.yml on stderr, with its position and its fix. */
export function printConfigProblems(file: string, problems: LocatedProblem[]): void {
  for (const { path, message, fix, position } of problems) {
    console.error(formatProblem(file, position, `${path}: ${message}  Fix: ${fix}`));
  }
}
