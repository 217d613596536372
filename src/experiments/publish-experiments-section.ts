import type pg from "pg";
import type { GitHubClient } from "../github/github-client.js";
import { publishPrSection } from "../github/publish-pr-section.js";
import { listExperimentsOfPull } from "./store/experiments.js";
import { renderExperimentTemplate } from "./templates.js";

/** The `experiments` section of a pull request's comment, re-rendered from every experiment it tested. */
export async function publishExperimentsSection(
  octokit: GitHubClient,
  pool: pg.Pool,
  target: { repoId: number; owner: string; repo: string; pullNumber: number },
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
  }));
  const body = renderExperimentTemplate("pr-section-experiments", { experiments });
  await publishPrSection(octokit, pool, { ...target, key: "experiments", body, createIfMissing: true });
}
