import type { GitHubClient } from "./github-client.js";
import type { EvaluationReport } from "./report-context.js";
import { checkConclusion } from "./check-conclusion.js";
import { checkTitle } from "./check-title.js";
import { publishCheckRun } from "./publish-check-run.js";
import { renderTemplate } from "./render-template.js";

export const PERFORMANCE_CHECK_NAME = "Kaizen performance";

/** The "Kaizen performance" check run on the deployed commit: every metric, its verdict and its numbers. */
export async function publishEvaluationCheck(
  octokit: GitHubClient,
  report: EvaluationReport,
  evaluationId: number,
): Promise<number> {
  const verdicts = report.metrics.map((m) => m.result.verdict);
  return publishCheckRun(octokit, {
    owner: report.repo.owner,
    repo: report.repo.repo,
    sha: report.sha,
    name: PERFORMANCE_CHECK_NAME,
    externalId: `kaizen-evaluation:${evaluationId}`,
    conclusion: checkConclusion(verdicts, report.gate),
    title: `${report.environment}: ${checkTitle(verdicts)}`,
    summary: renderTemplate("check-run-summary", report),
  });
}
