import type { AppDeps } from "../app-deps.js";
import type { GitHubClient } from "../github/github-client.js";
import { listPullCommits } from "./github.js";
import type { DoraJobs } from "./jobs.js";
import { upsertDoraPull } from "./store/dora-pulls.js";

/**
 * Stores a merged pull request with its commits: one change, whose lead time starts at its first commit. A pull
 * request without commits (GitHub lists none once its branch is gone and squashed) starts at its merge. Returns
 * whether anything changed.
 */
export async function recordPull(octokit: GitHubClient, deps: Pick<AppDeps, "pool">, job: Omit<DoraJobs["dora-pull"], "installationId">): Promise<boolean> {
  const { shas, firstCommitAt } = await listPullCommits(octokit, job, job.number);
  const mergedAt = new Date(job.mergedAt);
  return upsertDoraPull(deps.pool, job.repoId, { number: job.number, mergeCommitSha: job.mergeCommitSha, shas, firstCommitAt: firstCommitAt ?? mergedAt, mergedAt });
}
