import type pg from "pg";
import type { GitHubClient } from "../github/github-client.js";
import { openRecordedIssue } from "../github/open-recorded-issue.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * Opens the improvement issue for a benchmark's first regression on the default branch and records it (or adopts
 * the open issue with its marker, see openRecordedIssue), with the baseline median as the level to return to.
 */
export async function openBenchmarkIssue(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: {
    report: BenchmarkReport;
    repoId: number;
    runId: number;
    labels: readonly string[];
    benchmark: BenchmarkComparisonReport;
    fingerprint: string;
    /** The commit the issue speaks for: the regressed push's, or the branch's tip for a late one. */
    lastSha: string;
    publicUrl?: string;
  },
): Promise<void> {
  const { report, benchmark } = input;
  const level = benchmark.result.baseline.median ?? 0;
  const dashboard = dashboardUrl(input.publicUrl, report.repo, "benchmarks", benchmark.benchmark);
  await openRecordedIssue(octokit, pool, {
    repoId: input.repoId,
    repo: report.repo,
    fingerprint: input.fingerprint,
    labels: input.labels,
    where: report.branch,
    subject: benchmark,
    levelBefore: level,
    openedBy: { runId: input.runId, sha: input.lastSha },
    title: `Benchmark regression: ${benchmark.name} on ${report.branch}`,
    body: (marker) => renderBenchmarkTemplate("benchmarks-issue", { ...report, marker, benchmark, level, dashboard }),
  });
}
