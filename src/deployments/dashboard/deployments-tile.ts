import type { OverviewTile } from "../../web/dashboard-page.js";
import { htmlTemplateRenderer } from "../../markdown/render-html-template.js";
import { listLatestVerdicts, listOpenDeploymentIssues } from "../store/dashboard-queries.js";
import type { DeploymentPages } from "./deployment-pages.js";

const render = htmlTemplateRenderer<DeploymentPages>("deployments");

/**
 * The overview's deployments section: the latest evaluation of each environment with every metric's verdict
 * (each linking its history page), and the open improvement issues and drift issues. Nothing when the repository has neither.
 */
export const deploymentsTile: OverviewTile = {
  order: 10,
  async render({ db, repo, githubUrl = "https://github.com" }) {
    const [verdicts, issues] = await Promise.all([listLatestVerdicts(db, repo.id), listOpenDeploymentIssues(db, repo.id)]);
    if (verdicts.length === 0 && issues.length === 0) return undefined;
    const repoUrl = `${githubUrl}/${repo.owner}/${repo.name}`;
    const environments = new Map<string, DeploymentPages["deployments-tile"]["environments"][number]>();
    for (const row of verdicts) {
      let environment = environments.get(row.environment);
      if (!environment) {
        environment = {
          name: row.environment,
          deployedAt: row.deployedAt,
          sha: row.sha,
          commitUrl: `${repoUrl}/commit/${row.sha}`,
          checkRunUrl: row.checkRunId === null ? null : `${repoUrl}/runs/${row.checkRunId}`,
          metrics: [],
        };
        environments.set(row.environment, environment);
      }
      environment.metrics.push({ ...row, page: metricPath(repo, row.environment, row.metricName) });
    }
    const linked = issues.map((issue) => ({ ...issue, url: `${repoUrl}/issues/${issue.issueNumber}`, page: metricPath(repo, issue.environment, issue.metricName) }));
    const html = render("deployments-tile", {
      environments: [...environments.values()],
      issues: linked.filter((issue) => issue.kind === "regression"),
      drifts: linked.filter((issue) => issue.kind === "drift"),
    });
    return { title: "Deployments", html };
  },
};

/** The dashboard path of a metric's history page. */
export function metricPath(repo: { owner: string; name: string }, environment: string, metric: string): string {
  return `/${repo.owner}/${repo.name}/metrics/${encodeURIComponent(environment)}/${encodeURIComponent(metric)}`;
}
