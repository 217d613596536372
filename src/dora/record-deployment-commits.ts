import type { AppDeps } from "../app-deps.js";
import type { GitHubClient } from "../github/github-client.js";
import { isUnknownCommit, type UnknownCommit } from "../github/unless-unknown-commit.js";
import { hasCommit, listComparedCommits } from "./github.js";
import type { DoraRepoJob } from "./jobs.js";
import { getCompareRange, listUncomparedDeployments } from "./store/dora-deployments.js";
import { recordDeploymentCommits, type CompareProblem } from "./store/dora-commits.js";

/**
 * Reads and stores the commits a successful deployment added to its environment: the compare API from the sha of
 * the previous successful deployment to that environment. The first deployment of an environment has nothing to
 * compare with and records none. Earlier successful deployments not compared yet go first, so every compare has
 * its base. A compare GitHub cannot answer (an unknown sha, no common history) is recorded with its reason and
 * passed: retrying it would never succeed and would hold every later deployment's lead times back. Idempotent: a
 * deployment compared already is skipped. Returns how many deployments were compared.
 */
export async function recordDeploymentCommitsUpTo(octokit: GitHubClient, deps: Pick<AppDeps, "pool">, job: DoraRepoJob & { deploymentId: number | null }): Promise<number> {
  let compared = 0;
  for (const id of await listUncomparedDeployments(deps.pool, job.repoId)) {
    const range = await getCompareRange(deps.pool, job.repoId, id);
    if (!range) continue;
    const listed = range.previousSha && range.previousSha !== range.sha ? await listComparedCommits(octokit, job, range.previousSha, range.sha) : [];
    const problem = isUnknownCommit(listed) ? await explainCompareProblem(octokit, job, { base: range.previousSha!, head: range.sha }, listed) : null;
    if (await recordDeploymentCommits(deps.pool, job.repoId, id, range.previousSha, isUnknownCommit(listed) ? [] : listed, problem)) compared += 1;
    if (id === job.deploymentId) break;
  }
  return compared;
}

/**
 * Which end of a refused compare GitHub does not know: the deployed sha (then later deployments compare from the
 * one before it) or, when GitHub has that one, the base or their common history.
 */
async function explainCompareProblem(octokit: GitHubClient, job: DoraRepoJob, { base, head }: { base: string; head: string }, refused: UnknownCommit): Promise<CompareProblem> {
  const short = (sha: string) => sha.slice(0, 7);
  if (!(await hasCommit(octokit, job, head))) {
    return { shaUnknown: true, problem: `the deployed commit ${short(head)} is not in the repository (${refused.unknownCommit}); the next deploy is compared with the one before this` };
  }
  return { shaUnknown: false, problem: `GitHub could not compare ${short(base)}...${short(head)} (${refused.unknownCommit})` };
}
