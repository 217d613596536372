import { bigintAsNumber } from "./bigint-as-number.js";
import type { Queryable } from "./queryable.js";

/**
 * The repositories with rows in a feature's table, each under the name of its newest row (a renamed repository is
 * listed once, by its new name): for the dashboard's list of repositories.
 */
export async function listReposIn(
  db: Queryable,
  table: "deployments" | "benchmark_runs" | "experiments",
): Promise<{ id: number; owner: string; name: string }[]> {
  const { rows } = await db.query<{ id: number; owner: string; name: string }>({
    text: `select distinct on (repo_id) repo_id as id, owner, repo as name from ${table} order by repo_id, id desc`,
    types: bigintAsNumber,
  });
  return rows;
}
