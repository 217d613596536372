import type pg from "pg";
import { createPool } from "../db/create-pool.js";
import { findRepoId } from "../db/find-repo-id.js";

/**
 * Runs `fn` on the app's database with the id Kaizen stored for `target`; the pool is closed after. A repository
 * Kaizen has no data for is an error that names it.
 */
export async function withRepoDatabase<T>(
  databaseUrl: string,
  target: { owner: string; repo: string },
  fn: (pool: pg.Pool, repoId: number) => Promise<T>,
): Promise<T> {
  const pool = createPool(databaseUrl, { max: 2 });
  try {
    const repoId = await findRepoId(pool, target);
    if (repoId === null) throw new Error(`Kaizen has no data for ${target.owner}/${target.repo} in this database.`);
    return await fn(pool, repoId);
  } finally {
    await pool.end();
  }
}
