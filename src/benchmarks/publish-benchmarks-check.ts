import { checkConclusion, publishCheckRun } from "../github/check-run.js";
import { checkTitle } from "../markdown/format.js";
import type { GitHubClient } from "../github/github-client.js";
import type { BenchmarkReport } from "./report-context.js";
import { alertingBenchmarks } from "./apply-mutes.js";
import { renderBenchmarkTemplate } from "./templates.js";

export const BENCHMARKS_CHECK_NAME = "Kaizen benchmarks";

/**
 * The "Kaizen benchmarks" check run on the run's head commit: every benchmark with its verdict and numbers,
 * the baseline commit, and what could not be read with its fix. Found again by the run's id, so a retried job
 * updates it. Only a regression under `benchmarks.gate` fails it; unreadable input or an inconclusive
 * benchmark makes it neutral.
 */
export async function publishBenchmarksCheck(octokit: GitHubClient, report: BenchmarkReport, runId: number): Promise<number> {
  const verdicts = report.benchmarks.map((b) => b.result.verdict);
  // A muted benchmark is compared and shown, but its regression fails no gate.
  const conclusion = checkConclusion(alertingBenchmarks(report).benchmarks.map((b) => b.result.verdict), report.gate);
  const problems = report.problems.length;
  const title = [
    ...(verdicts.length > 0 ? [checkTitle(verdicts)] : ["No benchmarks compared"]),
    ...(problems > 0 ? [`${problems} ${problems === 1 ? "problem" : "problems"} reading the results`] : []),
  ].join("; ");
  return publishCheckRun(octokit, {
    ...report.repo,
    sha: report.sha,
    name: BENCHMARKS_CHECK_NAME,
    externalId: `kaizen-benchmarks:${runId}`,
    conclusion: conclusion === "success" && problems > 0 ? "neutral" : conclusion,
    title,
    summary: renderBenchmarkTemplate("benchmarks-check", report),
  });
}
