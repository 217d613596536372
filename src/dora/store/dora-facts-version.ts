import type { Queryable } from "../../db/queryable.js";

/**
 * A value that changes whenever any of a repository's DORA facts is inserted, updated or deleted: per table, the
 * row count and the newest row version (PostgreSQL's `xmin`, the transaction that wrote the row). The dashboard keeps
 * a computed report while this stays the same, so a page view does not recompute a year of deploys. Confirmed
 * regressions live in the deployment evaluation's tables and are compared by the caller.
 */
export async function getDoraFactsVersion(db: Queryable, repoId: number): Promise<string> {
  const part = (table: string) => `(select count(*) || ':' || coalesce(max(xmin::text::bigint), 0) from ${table} where repo_id = $1)`;
  const { rows } = await db.query<{ version: string }>({
    text: `select ${["dora_deployments", "dora_deployment_commits", "dora_deployment_compares", "dora_pulls", "dora_issues"].map(part).join(" || '|' || ")} as version`,
    values: [repoId],
  });
  return rows[0]!.version;
}
