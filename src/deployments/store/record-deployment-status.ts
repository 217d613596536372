import { queryRow } from "../../db/query-rows.js";
import type { NewDeployment } from "./deployments.js";
import type { EvaluationState } from "./evaluations.js";
import type { Queryable } from "../../db/queryable.js";

export interface NewDeploymentStatus {
  githubStatusId: number;
  statusCreatedAt: Date;
  deliveryId: string | null;
}

/**
 * The webhook path's one round trip: upserts the deployment and inserts its evaluation (unique per GitHub
 * status, so a redelivery inserts nothing) in one statement, returning the evaluation. Null when a concurrent
 * delivery of the same status has not committed yet — that delivery carries it on.
 */
export async function recordDeploymentStatus(
  db: Queryable,
  d: NewDeployment,
  s: NewDeploymentStatus,
): Promise<{ id: number; state: EvaluationState } | null> {
  return queryRow<{ id: number; state: EvaluationState }>(
    db,
    `with deployment as (
             insert into deployments
               (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, url)
             values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
             on conflict (repo_id, github_deployment_id) do update set
               owner = excluded.owner,
               repo = excluded.repo,
               installation_id = excluded.installation_id,
               url = coalesce(excluded.url, deployments.url)
             returning id
           ), inserted as (
             insert into evaluations (deployment_id, github_status_id, status_created_at, delivery_id)
             select id, $10, $11, $12 from deployment
             on conflict (github_status_id) do nothing
             returning id, state
           )
           select id, state from inserted
           union all
           select id, state from evaluations where github_status_id = $10 and not exists (select 1 from inserted)`,
    [
      d.repoId, d.owner, d.repo, d.installationId, d.githubDeploymentId, d.environment, d.sha, d.ref, d.url,
      s.githubStatusId, s.statusCreatedAt, s.deliveryId,
    ],
  );
}
