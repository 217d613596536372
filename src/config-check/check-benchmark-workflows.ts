import { closestName } from "../config/closest-name.js";
import { formatPath, type ConfigProblem } from "../config/config-problem.js";

const code = (text: string): string => `\`${text}\``;

/**
 * `benchmarks.workflows` entries that name no workflow of the repository: their runs would never come, so
 * the benchmarks would silently never be compared. `existing` holds the workflows' names as GitHub shows
 * them (the `name:`, or the file's path for a workflow without one).
 */
export function checkBenchmarkWorkflows(configured: readonly string[], existing: readonly string[]): ConfigProblem[] {
  const known = [...new Set(existing)].sort();
  const list = known.map(code).join(", ");
  return configured.flatMap((name, index) => {
    if (known.includes(name)) return [];
    const guess = closestName(name, known);
    const fix =
      known.length === 0
        ? "This repository has no GitHub Actions workflows yet: add the workflow that runs the benchmarks " +
          "and uploads their results, then name it here."
        : `${guess ? `Did you mean ${code(guess)}? ` : ""}Write the workflow's \`name:\` exactly as it is; ` +
          `this repository's workflows are ${list}.`;
    const message = `No workflow in this repository is called ${code(name)}, so Kaizen would never see its benchmark results.`;
    return [{ path: formatPath(["benchmarks", "workflows", index]), message, fix }];
  });
}
