import type pg from "pg";
import { insertIssue } from "../db/improvement-issues.js";
import { findOrOpenIssue } from "../github/issues.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * Opens the improvement issue for a benchmark's first regression on the default branch and records it. An open
 * issue already carrying the fingerprint marker (a retry after GitHub created it but before it was recorded) is
 * adopted instead of opening a duplicate.
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
  const { report, benchmark, fingerprint } = input;
  const { owner, repo } = report.repo;
  const marker = kaizenMarker("issue", fingerprint);
  const level = benchmark.result.baseline.median ?? 0;

  const issue = await findOrOpenIssue(octokit, {
    owner,
    repo,
    marker,
    title: `Benchmark regression: ${benchmark.name} on ${report.branch}`,
    body: renderBenchmarkTemplate("benchmarks-issue", {
      ...report,
      marker,
      benchmark,
      level,
      dashboard: dashboardUrl(input.publicUrl, report.repo, "benchmarks", benchmark.benchmark),
    }),
    labels: input.labels,
  });
  await insertIssue(pool, {
    repoId: input.repoId,
    owner,
    repo,
    environment: report.branch,
    metricName: benchmark.name,
    fingerprint,
    issueNumber: issue.number,
    levelBefore: level,
    better: benchmark.better,
    threshold: benchmark.threshold,
    openedByEvaluationId: null,
    openedByBenchmarkRunId: input.runId,
    lastSha: input.lastSha,
  });
}
