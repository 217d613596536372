import pg from "pg";

/** Connections in the application's pool: the intake's and the job workers' (see `maxRunningJobs` in create-queue.ts). */
export const POOL_SIZE = 12;

/**
 * The application's connection pool. An idle client that loses its connection (a database restart) emits
 * `error` on the pool; without a listener that would crash the process, while the pool already discards
 * the client and the next query reconnects.
 *
 * A request for a connection gives up after `connectTimeoutMs` (3 s) instead of waiting for ever: a webhook whose
 * delivery cannot be stored then fails with a 5xx well before the webhook middleware's 9 s "202 still processing"
 * answer, which GitHub would count as delivered. A 5xx is recorded as failed, and redelivery recovers it.
 */
export function createPool(url: string, options: { max?: number; connectTimeoutMs?: number } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
  });
  pool.on("error", () => undefined);
  return pool;
}
