import type pg from "pg";

/**
 * Runs `fn` while holding a session-level advisory lock on `key`, across every process sharing the database.
 * Used around the report step so two evaluations of one (repository, environment) — a redeploy, a backfill —
 * cannot both miss the open issue or the sticky comment and create one each. `fn` may run its queries on `client`,
 * the connection holding the lock, so that a lock taken inside another costs no further connection.
 */
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: string,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock(hashtext($1))", [key]);
    try {
      return await fn(client);
    } finally {
      await client.query("select pg_advisory_unlock(hashtext($1))", [key]);
    }
  } finally {
    client.release();
  }
}
