import type pg from "pg";
import type { GitHubClient } from "../github/github-client.js";
import { openRecordedIssue } from "../github/open-recorded-issue.js";
import type { ConfirmationReport, EvaluationReport, MetricReport } from "./report-context.js";
import { renderDeploymentTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * Opens the improvement issue for a metric's first regression and records it (or adopts the open issue with its
 * marker, see openRecordedIssue), with the baseline median as the level to return to. With a `confirmation`, the
 * body says which later window confirmed the regression.
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
  const { report, metric, confirmation } = input;
  const level = metric.result.baseline.median ?? 0;
  const dashboard = dashboardUrl(input.publicUrl, report.repo, "metrics", report.environment, metric.name);
  await openRecordedIssue(octokit, pool, {
    repoId: input.repoId,
    repo: report.repo,
    fingerprint: input.fingerprint,
    labels: input.labels,
    where: report.environment,
    subject: metric,
    levelBefore: level,
    openedBy: { evaluationId: input.evaluationId, statusAt: report.deployment.createdAt },
    title: `Performance regression: ${metric.name} in ${report.environment}`,
    body: (marker) => renderDeploymentTemplate("improvement-issue", { ...report, marker, metric, level, confirmation, dashboard }),
  });
}
