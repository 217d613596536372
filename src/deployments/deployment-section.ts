import type { VerdictsSection } from "../github/publish-verdicts-section.js";
import type { EvaluationReport } from "./report-context.js";
import { renderDeploymentTemplate, type PrCommentDashboard } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/**
 * The environment's section of Kaizen's comment on every pull request that shipped the deployed commit, for
 * publishVerdictsSection.
 */
export function deploymentSection(report: EvaluationReport, publicUrl: string | undefined): VerdictsSection {
  return {
    key: `deployment:${report.environment}`,
    pullNumbers: report.pulls.map((pull) => pull.number),
    verdicts: report.metrics.map((m) => m.result.verdict),
    body: renderDeploymentTemplate("pr-comment-deployment", { ...report, dashboard: dashboardLinks(report, publicUrl) }),
  };
}

/** The overview and each metric's page under KAIZEN_PUBLIC_URL; null without one. */
function dashboardLinks(report: EvaluationReport, publicUrl: string | undefined): PrCommentDashboard | null {
  const overview = dashboardUrl(publicUrl, report.repo);
  if (overview === null) return null;
  const metrics = report.metrics.map((m) => ({ name: m.name, url: dashboardUrl(publicUrl, report.repo, "metrics", report.environment, m.name)! }));
  return { overview, metrics };
}
