import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { recordDeploymentStatus } from "./store/record-deployment-status.js";
import { findKnownRepoConfig } from "../config/known-repo-config.js";

/**
 * A successful deployment becomes a pending evaluation and a queued planning job; the webhook is answered
 * at once. Everything that needs GitHub (reading the repo's config) happens in the job; only a config the jobs
 * cached already is consulted here, so that a repository without one, or an environment it does not evaluate,
 * is answered without a write.
 *
 * Two round trips, so the answer stays fast: one statement stores the deployment and its evaluation, one
 * queues the job. Idempotent: a redelivery or a second delivery of the same status maps to the same
 * evaluation (unique status id), and the job id derives from the evaluation id, so at most one job exists.
 * Should the process die between the two, the evaluation stays pending and the sweeper (workers.ts) queues its job.
 */
export function handleDeploymentStatus(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment_status: status, deployment, repository, installation } = context.payload;
    if (status.state !== "success" || !installation) return;
    const environment = status.environment ?? deployment.environment;
    // With the repository's config known (cached), a deployment it does not evaluate costs no write at all.
    const known = await findKnownRepoConfig(context.octokit, deps.pool, { owner: repository.owner.login, repo: repository.name }, deps.sources.names(), freshMs(deps));
    if (known?.status === "missing") return;
    if (known?.status === "ok" && !known.config.deployments.environments.includes(environment)) return;

    const evaluation = await recordDeploymentStatus(
      deps.pool,
      {
        repoId: repository.id,
        owner: repository.owner.login,
        repo: repository.name,
        installationId: installation.id,
        githubDeploymentId: deployment.id,
        environment,
        sha: deployment.sha,
        ref: deployment.ref,
        url: status.log_url || status.target_url || null,
      },
      { githubStatusId: status.id, statusCreatedAt: new Date(status.created_at), deliveryId: context.id },
    );
    if (evaluation?.state !== "pending") return;
    await deps.queue.send("plan-evaluation", { evaluationId: evaluation.id }, { key: String(evaluation.id) });
  };
}

const freshMs = (deps: AppDeps) => (deps.configFreshSeconds ?? 600) * 1000;
