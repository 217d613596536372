import type { FilePosition } from "../config/locate-problem.js";

/**
 * One problem on one line, `file:line:col  what is wrong`, the shape compilers and linters print, so editors,
 * terminals and CI logs turn it into a link and `grep` finds it.
 */
export function formatProblem(file: string, position: FilePosition | undefined, text: string): string {
  return `${file}${position ? `:${position.line}:${position.col}` : ""}  ${text}`;
}
