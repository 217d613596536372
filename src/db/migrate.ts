import { readdir, readFile } from "node:fs/promises";
import type pg from "pg";

/** Resolved from this module, so it finds the repo's `migrations/` from `src/db/` and from compiled `lib/db/`. */
const MIGRATIONS_DIR = new URL("../../migrations/", import.meta.url);

/** A fixed key for pg_advisory_lock: any constant works, as long as every Kaizen process uses the same. */
const MIGRATION_LOCK_KEY = 7_351_020_240_001;

const MIGRATION_FILE = /^\d{3}_[a-z0-9_-]+\.sql$/;

/**
 * Applies the pending `migrations/NNN_name.sql` files in order, each in its own transaction, and records them
 * in `kaizen_migrations`. Returns the names applied by this call (empty when up to date).
 *
 * Safe when several processes start at once: the whole run holds a session advisory lock, so the second
 * process waits, then finds nothing left to apply.
 */
export async function migrate(pool: pg.Pool, dir: URL = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => MIGRATION_FILE.test(name)).sort();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(client, dir, files);
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    // A client that failed mid-run may still hold the session lock: destroy it rather than pool it.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}

async function applyPending(client: pg.PoolClient, dir: URL, files: string[]): Promise<string[]> {
  await client.query(
    "create table if not exists kaizen_migrations (name text primary key, applied_at timestamptz not null default now())",
  );
  const { rows } = await client.query<{ name: string }>("select name from kaizen_migrations");
  const done = new Set(rows.map((row) => row.name));
  const applied: string[] = [];
  for (const name of files) {
    if (done.has(name)) continue;
    const sql = await readFile(new URL(name, dir), "utf8");
    await client.query("begin");
    try {
      await client.query(sql);
      await client.query("insert into kaizen_migrations (name) values ($1)", [name]);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback");
      throw new Error(`migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    applied.push(name);
  }
  return applied;
}
