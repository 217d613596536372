import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { upsertDeployment } from "../db/deployments.js";
import { insertEvaluation } from "../db/evaluations.js";
import { withTransaction } from "../db/with-transaction.js";

/**
 * A successful deployment becomes a pending evaluation and a queued planning job; the webhook is answered
 * at once. Everything that needs GitHub (reading the repo's config) happens in the job.
 *
 * Idempotent: a redelivery or a second delivery of the same status maps to the same evaluation row
 * (unique status id), and the job id derives from the evaluation id, so at most one job ever exists; the row
 * and the job are written in one transaction, so neither exists without the other.
 */
export function handleDeploymentStatus(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment_status: status, deployment, repository, installation } = context.payload;
    if (status.state !== "success" || !installation) return;

    // One transaction, so one commit (one WAL flush) per delivery, and the job exists exactly when the
    // evaluation does.
    await withTransaction(deps.pool, async (db) => {
      const deploymentRow = await upsertDeployment(db, {
        repoId: repository.id,
        owner: repository.owner.login,
        repo: repository.name,
        installationId: installation.id,
        githubDeploymentId: deployment.id,
        environment: status.environment ?? deployment.environment,
        sha: deployment.sha,
        ref: deployment.ref,
        url: status.log_url || status.target_url || null,
      });
      const { evaluation } = await insertEvaluation(db, {
        deploymentId: deploymentRow.id,
        githubStatusId: status.id,
        statusCreatedAt: new Date(status.created_at),
        deliveryId: context.id,
      });
      if (evaluation.state !== "pending") return;
      await deps.queue.send("plan-evaluation", { evaluationId: evaluation.id }, { key: String(evaluation.id), db });
    });
  };
}
