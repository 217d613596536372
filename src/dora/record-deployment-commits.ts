import type { AppDeps } from "../app-deps.js";
import type { GitHubClient } from "../github/github-client.js";
import { listComparedCommits } from "./github.js";
import type { DoraRepoJob } from "./jobs.js";
import { getCompareRange, listUncomparedDeployments } from "./store/dora-deployments.js";
import { recordDeploymentCommits } from "./store/dora-commits.js";

/**
 * Reads and stores the commits a successful deployment added to its environment: the compare API from the sha of
 * the previous successful deployment to that environment. The first deployment of an environment has nothing to
 * compare with and records none. Earlier successful deployments not compared yet go first, so every compare has
 * its base. Idempotent: a deployment compared already is skipped. Returns how many deployments were compared.
 */
export async function recordDeploymentCommitsUpTo(octokit: GitHubClient, deps: Pick<AppDeps, "pool">, job: DoraRepoJob & { deploymentId: number | null }): Promise<number> {
  let compared = 0;
  for (const id of await listUncomparedDeployments(deps.pool, job.repoId)) {
    const range = await getCompareRange(deps.pool, job.repoId, id);
    if (!range) continue;
    const commits = range.previousSha && range.previousSha !== range.sha ? await listComparedCommits(octokit, job, range.previousSha, range.sha) : [];
    if (await recordDeploymentCommits(deps.pool, job.repoId, id, range.previousSha, commits)) compared += 1;
    if (id === job.deploymentId) break;
  }
  return compared;
}
