import { bigintAsNumber } from "./bigint-as-number.js";
import type { Queryable } from "./queryable.js";

/**
 * The id of `owner/repo` as Kaizen last stored it (deployments, benchmark runs, issues), or null when it has no
 * data for that name. For operator commands that read the database only; a renamed repository is found by the
 * name its latest data carries.
 */
export async function findRepoId(db: Queryable, { owner, repo }: { owner: string; repo: string }): Promise<number | null> {
  const { rows } = await db.query<{ repoId: number }>({
    text: `select repo_id as "repoId" from (
             select repo_id, owner, repo, created_at from deployments
             union all select repo_id, owner, repo, created_at from benchmark_runs
             union all select repo_id, owner, repo, created_at from improvement_issues
           ) known where lower(owner) = lower($1) and lower(repo) = lower($2)
           order by created_at desc limit 1`,
    values: [owner, repo],
    types: bigintAsNumber,
  });
  return rows[0]?.repoId ?? null;
}
