import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { ExperimentJobs } from "./jobs.js";
import { installationClient } from "../github/installation-client.js";
import { findClosingIssues } from "./github.js";
import { closingIssueNumbers } from "./model/issue-references.js";
import { publishExperimentsSection } from "./publish-experiments-section.js";
import { linkExperimentsToPull } from "./store/experiments.js";

/**
 * A merged pull request: the experiments it closes (closing keywords in its body, and GitHub's own closing
 * references, which include issues linked in the sidebar) are linked to its merge commit, and its comment gets an
 * `experiments` section naming them.
 */
export async function linkExperimentPull(app: Probot, deps: AppDeps, job: ExperimentJobs["link-experiment-pull"]): Promise<void> {
  const octokit = await installationClient(app, job.installationId);
  const { owner, repo, pullNumber } = job;
  const linked = await findClosingIssues(octokit, { owner, repo, pullNumber });
  const numbers = [...new Set([...closingIssueNumbers(job.body, { owner, repo }), ...linked])];
  if (numbers.length === 0) return;
  const experiments = await linkExperimentsToPull(deps.pool, job.repoId, numbers, { number: pullNumber, mergeSha: job.mergeSha });
  if (experiments.length === 0) return;
  await publishExperimentsSection(octokit, deps.pool, { repoId: job.repoId, owner, repo, pullNumber, publicUrl: deps.publicUrl });
}
