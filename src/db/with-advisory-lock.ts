import { setTimeout as sleep } from "node:timers/promises";
import type pg from "pg";

/** Thrown when a lock stayed taken for the whole wait: the job fails and its retry tries again later. */
export class LockBusyError extends Error {}

/**
 * Runs `fn` while holding a session-level advisory lock on `key`, across every process sharing the database.
 * Used around the report step so two evaluations of one (repository, environment) — a redeploy, a backfill —
 * cannot both miss the open issue or the sticky comment and create one each. `fn` may run its queries on `client`,
 * the connection holding the lock, so that a lock taken inside another costs no further connection.
 *
 * Waiting never holds a connection: the lock is tried (`pg_try_advisory_lock`), and while another job holds it the
 * connection goes back to the pool between tries (backing off from 50 ms to 1 s, with jitter). A blocking
 * `pg_advisory_lock` would park one pooled connection per waiting job, and a burst of jobs on one key would then
 * take the whole pool while the holder waits for a connection of its own: a deadlock. After `waitMs` (default
 * 2 minutes) it throws LockBusyError.
 */
export async function withAdvisoryLock<T>(
  pool: pg.Pool,
  key: string,
  fn: (client: pg.PoolClient) => Promise<T>,
  { waitMs = 120_000 }: { waitMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const client = await pool.connect();
    // A connection whose unlock failed may still hold the lock: it is closed, not handed back, which releases it.
    let broken: Error | undefined;
    try {
      const { rows } = await client.query<{ locked: boolean }>("select pg_try_advisory_lock(hashtext($1)) as locked", [key]);
      if (rows[0]?.locked === true) {
        try {
          return await fn(client);
        } finally {
          await client.query("select pg_advisory_unlock(hashtext($1))", [key]).catch((error: Error) => (broken = error));
        }
      }
    } finally {
      client.release(broken);
    }
    if (Date.now() + delay > deadline) throw new LockBusyError(`${key} stayed locked by another job for ${Math.round(waitMs / 1000)} s`);
    await sleep(delay / 2 + Math.random() * (delay / 2));
  }
}
