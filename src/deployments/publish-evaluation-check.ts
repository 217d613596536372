import type { GitHubClient } from "../github/github-client.js";
import type { EvaluationReport } from "./report-context.js";
import { evaluationCheckOutput } from "./evaluation-check-output.js";
import { publishCheckRun } from "../github/check-run.js";

export const PERFORMANCE_CHECK_NAME = "Kaizen performance";

/** The "Kaizen performance" check run on the deployed commit: every metric, its verdict and its numbers. */
export async function publishEvaluationCheck(
  octokit: GitHubClient,
  report: EvaluationReport,
  evaluationId: number,
): Promise<number> {
  return publishCheckRun(octokit, {
    owner: report.repo.owner,
    repo: report.repo.repo,
    sha: report.sha,
    name: PERFORMANCE_CHECK_NAME,
    externalId: `kaizen-evaluation:${evaluationId}`,
    ...evaluationCheckOutput(report),
  });
}
