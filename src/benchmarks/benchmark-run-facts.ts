import type { BenchmarkRun } from "./store/benchmark-runs.js";
import type { BenchmarkReport } from "./report-context.js";

/**
 * What every report about a run says whatever it was compared with: where, which commit, which run, what broke,
 * and what was passed over (notes, stored among the problems).
 */
export function benchmarkRunFacts(
  run: BenchmarkRun,
): Pick<BenchmarkReport, "repo" | "sha" | "branch" | "workflowName" | "runUrl" | "problems" | "notes"> {
  return {
    repo: { owner: run.owner, repo: run.repo },
    sha: run.headSha,
    branch: run.headBranch,
    workflowName: run.workflowName,
    runUrl: `https://github.com/${run.owner}/${run.repo}/actions/runs/${run.githubRunId}`,
    problems: run.problems.filter((p) => p.kind !== "note"),
    notes: run.problems.filter((p) => p.kind === "note").map(({ file, line, reason }) => ({ file, line, reason })),
  };
}
