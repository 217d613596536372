import pg from "pg";

/**
 * The application's connection pool. An idle client that loses its connection (a database restart) emits
 * `error` on the pool; without a listener that would crash the process, while the pool already discards
 * the client and the next query reconnects.
 */
export function createPool(url: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  pool.on("error", () => undefined);
  return pool;
}
