import type pg from "pg";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import type { GitHubClient } from "../github/github-client.js";
import { isWorthCommenting } from "../github/is-worth-commenting.js";
import { publishPrSection } from "../github/publish-pr-section.js";
import type { EvaluationReport } from "./report-context.js";
import { renderDeploymentTemplate, type PrCommentDashboard } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * The environment's section of Kaizen's comment on every pull request that shipped the deployed commit.
 * `on-change` and `on-regression` hold back a *first* comment when there is nothing to say, but an existing
 * comment is always updated, so it never shows stale verdicts.
 */
export async function commentOnPulls(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { report: EvaluationReport; repoId: number; policy: KaizenConfig["comment"]; publicUrl?: string },
): Promise<void> {
  const { report, repoId, policy } = input;
  const createIfMissing = isWorthCommenting(report.metrics.map((m) => m.result.verdict), policy);
  const body = renderDeploymentTemplate("pr-comment-deployment", { ...report, dashboard: dashboardLinks(report, input.publicUrl) });
  const key = `deployment:${report.environment}`;

  for (const pull of report.pulls) {
    await publishPrSection(octokit, pool, { repoId, ...report.repo, pullNumber: pull.number, key, body, createIfMissing });
  }
}

/** The overview and each metric's page under KAIZEN_PUBLIC_URL; null without one. */
function dashboardLinks(report: EvaluationReport, publicUrl: string | undefined): PrCommentDashboard | null {
  const overview = dashboardUrl(publicUrl, report.repo);
  if (overview === null) return null;
  const metrics = report.metrics.map((m) => ({ name: m.name, url: dashboardUrl(publicUrl, report.repo, "metrics", report.environment, m.name)! }));
  return { overview, metrics };
}
