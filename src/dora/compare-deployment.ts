import type { AppDeps } from "../app-deps.js";
import { isProductionEnvironment } from "../config/schema/dora-config.js";
import type { GitHubClient } from "../github/github-client.js";
import type { DoraJobs } from "./jobs.js";
import { loadDoraConfig } from "./load-dora-config.js";
import { weekStart } from "./model/dora-stats.js";
import { recordDeploymentCommitsUpTo } from "./record-deployment-commits.js";
import { listDoraDeployments } from "./store/dora-deployments.js";

/**
 * After a successful deployment: its commits (and any earlier deployment's not read yet), then, with the digest
 * on and a production environment, the digest of the week it went live in. No kaizen.yml: nothing.
 */
export async function compareDeployment(octokit: GitHubClient, deps: Pick<AppDeps, "pool" | "sources" | "queue">, job: DoraJobs["dora-compare"]): Promise<void> {
  const config = await loadDoraConfig(octokit, deps, job);
  if (!config) return;
  await recordDeploymentCommitsUpTo(octokit, deps, job);
  if (!config.digest) return;
  const deployment = (await listDoraDeployments(deps.pool, job.repoId)).find((d) => d.id === job.deploymentId);
  if (!deployment?.succeededAt || !isProductionEnvironment(config.production, deployment.environment)) return;
  const week = weekStart(deployment.succeededAt).toISOString().slice(0, 10);
  const { installationId, repoId, owner, repo } = job;
  await deps.queue.send("dora-digest", { installationId, repoId, owner, repo, week }, { key: `${repoId}:${week}:${job.deploymentId}` });
}
