import { groupCommit } from "../../db/group-commit.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { NewDeployment } from "./deployments.js";
import type { EvaluationState } from "./evaluations.js";
import type { Queryable } from "../../db/queryable.js";

export interface NewDeploymentStatus {
  githubStatusId: number;
  statusCreatedAt: Date;
  deliveryId: string | null;
}

type Recorded = { id: number; state: EvaluationState } | null;

/**
 * The webhook path's write: upserts the deployment and inserts its evaluation (unique per GitHub status, so a
 * redelivery inserts nothing), returning the evaluation. Null when a concurrent delivery of the same status has
 * not committed yet — that delivery carries it on. Deliveries arriving together share one statement (group
 * commit); two statuses of one deployment never share one, as the upsert may touch its row once.
 */
export function recordDeploymentStatus(db: Queryable, d: NewDeployment, s: NewDeploymentStatus): Promise<Recorded> {
  return record(db, { d, s });
}

const record = groupCommit<Queryable, { d: NewDeployment; s: NewDeploymentStatus }, Recorded>(
  async (db, items) => {
    const column = <T>(pick: (item: { d: NewDeployment; s: NewDeploymentStatus }) => T) => items.map(pick);
    // Named: each connection parses and plans it once (the webhook path runs it on every delivery).
    const { rows } = await db.query<{ id: number | null; state: EvaluationState | null }>({
      name: "record-deployment-statuses",
      types: bigintAsNumber,
      text: `with input as (
               select * from unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::text[], $7::text[],
                                    $8::text[], $9::text[], $10::bigint[], $11::timestamptz[], $12::text[])
                 with ordinality as i (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref,
                                       url, github_status_id, status_created_at, delivery_id, ord)
             ), deployment as (
               insert into deployments
                 (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, url)
               select repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, url from input
               on conflict (repo_id, github_deployment_id) do update set
                 owner = excluded.owner,
                 repo = excluded.repo,
                 installation_id = excluded.installation_id,
                 url = coalesce(excluded.url, deployments.url)
               returning id, repo_id, github_deployment_id
             ), inserted as (
               insert into evaluations (deployment_id, github_status_id, status_created_at, delivery_id)
               select deployment.id, input.github_status_id, input.status_created_at, input.delivery_id
               from input join deployment using (repo_id, github_deployment_id)
               on conflict (github_status_id) do nothing
               returning id, state, github_status_id
             )
             select coalesce(inserted.id, existing.id) as id, coalesce(inserted.state, existing.state) as state
             from input
             left join inserted using (github_status_id)
             left join evaluations existing on inserted.id is null and existing.github_status_id = input.github_status_id
             order by input.ord`,
      values: [
        column((i) => i.d.repoId), column((i) => i.d.owner), column((i) => i.d.repo), column((i) => i.d.installationId),
        column((i) => i.d.githubDeploymentId), column((i) => i.d.environment), column((i) => i.d.sha), column((i) => i.d.ref),
        column((i) => i.d.url), column((i) => i.s.githubStatusId), column((i) => i.s.statusCreatedAt), column((i) => i.s.deliveryId),
      ],
    });
    return rows.map((row) => (row.id === null ? null : { id: row.id, state: row.state! }));
  },
  { keyOf: ({ d }) => `${d.repoId}:${d.githubDeploymentId}` },
);
