import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { recordDoraDeploymentStatus } from "./store/dora-deployments.js";

/**
 * Every deployment status, any environment and state, is recorded for the keys (a deploy is its first success;
 * a failure after it marks it failed). A success queues reading the commits it shipped; a redelivery changes
 * nothing and queues nothing new (the job is keyed by the deployment).
 */
export function handleDoraDeploymentStatus(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment_status: status, deployment, repository, installation } = context.payload;
    if (!installation) return;
    const repo = { repoId: repository.id, owner: repository.owner.login, repo: repository.name, installationId: installation.id };
    const recorded = await recordDoraDeploymentStatus(deps.pool, {
      ...repo,
      githubDeploymentId: deployment.id,
      environment: deployment.environment,
      sha: deployment.sha,
      ref: deployment.ref,
      createdAt: new Date(deployment.created_at),
      state: status.state,
      at: new Date(status.created_at),
    });
    if (status.state !== "success" || !recorded.succeeded) return;
    await deps.queue.send("dora-compare", { ...repo, deploymentId: deployment.id }, { key: `${repository.id}:${deployment.id}` });
  };
}
