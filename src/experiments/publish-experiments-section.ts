import type pg from "pg";
import type { GitHubClient } from "../github/github-client.js";
import { publishPrSection } from "../github/publish-pr-section.js";
import { listExperimentsOfPull } from "./store/experiments.js";
import { renderExperimentTemplate } from "./templates.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";

/** The `experiments` section of a pull request's comment, re-rendered from every experiment it tested. */
export async function publishExperimentsSection(
  octokit: GitHubClient,
  pool: pg.Pool,
  target: { repoId: number; owner: string; repo: string; pullNumber: number; publicUrl?: string },
): Promise<void> {
  const tested = await listExperimentsOfPull(pool, target.repoId, target.pullNumber);
  if (tested.length === 0) return;
  const experiments = tested.map((e) => ({
    issueNumber: e.issueNumber,
    title: e.title,
    metric: e.metricName ?? "",
    environment: e.environment ?? "",
    expect: e.expectation?.text ?? "",
    state: e.state === "waiting" ? "waiting for the deploy's evaluation" : e.state,
    dashboard: e.metricName && e.environment ? dashboardUrl(target.publicUrl, target, "metrics", e.environment, e.metricName) : null,
  }));
  const body = renderExperimentTemplate("pr-section-experiments", { experiments });
  const { repoId, owner, repo, pullNumber } = target;
  await publishPrSection(octokit, pool, { repoId, owner, repo, pullNumber, key: "experiments", body, createIfMissing: true });
}
