import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";

/**
 * The repositories the DORA page answers for (a deploy that succeeded, in any environment), under their latest
 * known names: for the dashboard's list, so a repository with DORA facts alone is listed too.
 */
export async function listDoraRepos(db: Queryable): Promise<{ id: number; owner: string; name: string }[]> {
  const { rows } = await db.query<{ id: number; owner: string; name: string }>({
    text: `select distinct on (repo_id) repo_id as id, owner, repo as name from dora_deployments
           where succeeded_at is not null order by repo_id, created_at desc`,
    types: bigintAsNumber,
  });
  return rows;
}
