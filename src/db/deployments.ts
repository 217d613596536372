import { bigintAsNumber } from "./bigint-as-number.js";
import type { Queryable } from "./queryable.js";

/** A row of `deployments`. */
export interface DeploymentRow {
  id: number;
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
  githubDeploymentId: number;
  environment: string;
  sha: string;
  ref: string;
  /** The deployment's log or target link, when GitHub has one. */
  url: string | null;
  createdAt: Date;
}

export type NewDeployment = Omit<DeploymentRow, "id" | "createdAt">;

export const DEPLOYMENT_COLUMNS = `id, repo_id as "repoId", owner, repo, installation_id as "installationId",
  github_deployment_id as "githubDeploymentId", environment, sha, ref, url, created_at as "createdAt"`;

/**
 * Records a GitHub deployment, or refreshes the fields that can change on a later status (the repo's name
 * after a rename, the installation, the link), and returns the stored row.
 */
export async function upsertDeployment(db: Queryable, d: NewDeployment): Promise<DeploymentRow> {
  const { rows } = await db.query<DeploymentRow>({
    text: `insert into deployments
             (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref, url)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
           on conflict (repo_id, github_deployment_id) do update set
             owner = excluded.owner,
             repo = excluded.repo,
             installation_id = excluded.installation_id,
             url = coalesce(excluded.url, deployments.url)
           returning ${DEPLOYMENT_COLUMNS}`,
    values: [d.repoId, d.owner, d.repo, d.installationId, d.githubDeploymentId, d.environment, d.sha, d.ref, d.url],
    types: bigintAsNumber,
  });
  return rows[0]!;
}
