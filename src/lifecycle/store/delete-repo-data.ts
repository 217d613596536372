import type { Queryable } from "../../db/queryable.js";

/**
 * Deletes a repository's rows from every Kaizen table keyed by `repo_id` (found in the catalogue, so a table a
 * feature adds later is covered without a change here; rows hanging off them go by their `on delete cascade`), and
 * its cached files. One transaction: all of it or nothing. Returns the rows deleted per table (tables with none
 * left out).
 */
export async function deleteRepoData(client: Queryable, repo: { repoId: number; fullName: string }): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
     join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
     where c.table_schema = 'public' and c.column_name = 'repo_id' and t.table_type = 'BASE TABLE' and c.table_name <> 'repo_removals'
     order by c.table_name`,
  );
  const deleted: Record<string, number> = {};
  // A table referenced (without cascade) by another is emptied after it: tables that fail are tried again later.
  let pending = tables.map((t) => t.table_name);
  for (let round = 0; pending.length > 0 && round < pending.length + 1; round++) {
    const failed: string[] = [];
    for (const table of pending) {
      await client.query("savepoint delete_repo_table");
      try {
        const { rowCount } = await client.query(`delete from "${table.replaceAll('"', '""')}" where repo_id = $1`, [repo.repoId]);
        await client.query("release savepoint delete_repo_table");
        if (rowCount) deleted[table] = rowCount;
      } catch (error) {
        if ((error as { code?: string }).code !== "23503") throw error;
        await client.query("rollback to savepoint delete_repo_table");
        failed.push(table);
      }
    }
    if (failed.length === pending.length) throw new Error(`cannot delete ${repo.fullName}'s rows from ${failed.join(", ")}: they reference each other`);
    pending = failed;
  }
  const { rowCount } = await client.query("delete from github_file_cache where starts_with(key, $1)", [`${repo.fullName.toLowerCase()}/`]);
  if (rowCount) deleted["github_file_cache"] = rowCount;
  return deleted;
}
