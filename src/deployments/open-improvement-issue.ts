import type pg from "pg";
import { insertIssue } from "../db/improvement-issues.js";
import { findOrOpenIssue } from "../github/issues.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import type { ConfirmationReport, EvaluationReport, MetricReport } from "./report-context.js";
import { renderDeploymentTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * Opens the improvement issue for a metric's first regression and records it. If GitHub already has an open
 * issue with the fingerprint marker (a retry after the issue was created but before it was recorded), that
 * issue is adopted instead of opening a duplicate. With a `confirmation`, the body says which later window
 * confirmed the regression.
 */
export async function openImprovementIssue(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: {
    report: EvaluationReport;
    repoId: number;
    evaluationId: number;
    labels: readonly string[];
    metric: MetricReport;
    fingerprint: string;
    confirmation?: ConfirmationReport;
    publicUrl?: string;
  },
): Promise<void> {
  const { report, metric, fingerprint, confirmation } = input;
  const { owner, repo } = report.repo;
  const marker = kaizenMarker("issue", fingerprint);
  const level = metric.result.baseline.median ?? 0;

  const issue = await findOrOpenIssue(octokit, {
    owner,
    repo,
    marker,
    title: `Performance regression: ${metric.name} in ${report.environment}`,
    body: renderDeploymentTemplate("improvement-issue", {
      ...report,
      marker,
      metric,
      level,
      confirmation,
      dashboard: dashboardUrl(input.publicUrl, report.repo, "metrics", report.environment, metric.name),
    }),
    labels: input.labels,
  });
  await insertIssue(pool, {
    repoId: input.repoId,
    owner,
    repo,
    environment: report.environment,
    metricName: metric.name,
    fingerprint,
    issueNumber: issue.number,
    levelBefore: level,
    better: metric.better,
    threshold: metric.threshold,
    openedByEvaluationId: input.evaluationId,
    lastStatusAt: report.deployment.createdAt,
  });
}
