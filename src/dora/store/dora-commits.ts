import { queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";
import type { DoraCommit } from "../model/dora-facts.js";

/** Why a deployment's commits could not be read, and whether its own sha is the one GitHub does not have. */
export interface CompareProblem {
  problem: string;
  shaUnknown: boolean;
}

/**
 * Records the commits a deployment added (the compare from `baseSha`, null for the first deployment of its
 * environment) and that they were read — or, with `problem`, that GitHub could not compare them and why; a second
 * recording of the same deployment changes nothing.
 */
export async function recordDeploymentCommits(
  db: Queryable,
  repoId: number,
  githubDeploymentId: number,
  baseSha: string | null,
  commits: Array<{ sha: string; committedAt: Date }>,
  problem: CompareProblem | null = null,
): Promise<boolean> {
  await db.query(
    `insert into dora_deployment_commits (repo_id, github_deployment_id, sha, committed_at)
     select $1, $2, sha, committed_at from unnest($3::text[], $4::timestamptz[]) as c (sha, committed_at)
     on conflict do nothing`,
    [repoId, githubDeploymentId, commits.map((c) => c.sha), commits.map((c) => c.committedAt)],
  );
  const { rowCount } = await db.query(
    `insert into dora_deployment_compares (repo_id, github_deployment_id, base_sha, problem, sha_unknown) values ($1, $2, $3, $4, $5)
     on conflict do nothing`,
    [repoId, githubDeploymentId, baseSha, problem?.problem ?? null, problem?.shaUnknown ?? false],
  );
  return rowCount === 1;
}

export async function listDoraCommits(db: Queryable, repoId: number): Promise<DoraCommit[]> {
  return queryRows<DoraCommit>(
    db,
    `select github_deployment_id as "deploymentId", sha, committed_at as "committedAt"
           from dora_deployment_commits where repo_id = $1 order by committed_at, sha`,
    [repoId],
  );
}

/** The deployments whose commits GitHub could not compare, with the reason, in deployment order. */
export async function listCompareProblems(db: Queryable, repoId: number): Promise<Array<{ deploymentId: number; baseSha: string | null; problem: string }>> {
  return queryRows(
    db,
    `select github_deployment_id as "deploymentId", base_sha as "baseSha", problem
           from dora_deployment_compares where repo_id = $1 and problem is not null order by github_deployment_id`,
    [repoId],
  );
}
