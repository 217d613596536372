import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { migrate } from "../../src/db/migrate.js";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/db/start-embedded-postgres.js";

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Global setup (runs once, in jest's parent process): creates this run's template database and migrates it,
 * so every test file can clone a ready schema in milliseconds (`createTestDatabase`). The names carry the
 * run's pid, so runs in parallel on one server never drop each other's databases; databases left by runs
 * that died are dropped here. Workers learn the names from the environment.
 */
export async function setupPostgres(): Promise<void> {
  const adminUrl = process.env["DATABASE_URL"] || (await reachable(DEFAULT_ADMIN_URL)) || (await startEmbedded());
  const run = String(process.pid);
  const template = `kaizen_test_template_${run}`;
  process.env["KAIZEN_TEST_ADMIN_URL"] = adminUrl;
  process.env["KAIZEN_TEST_RUN"] = run;
  process.env["KAIZEN_TEST_TEMPLATE"] = template;

  await withAdmin(adminUrl, async (admin) => {
    await dropDeadRunDatabases(admin);
    await admin.query(`drop database if exists ${template} with (force)`);
    await admin.query(`create database ${template}`);
  });
  const pool = new pg.Pool({ connectionString: databaseUrl(adminUrl, template), max: 1 });
  try {
    await migrate(pool);
  } finally {
    await pool.end();
  }
}

/** Global teardown: drops the template (each test file drops its own database), stops an embedded server. */
export async function teardownPostgres(): Promise<void> {
  const adminUrl = process.env["KAIZEN_TEST_ADMIN_URL"];
  const template = process.env["KAIZEN_TEST_TEMPLATE"];
  if (adminUrl && template) await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${template} with (force)`));
  const started = embedded.current;
  embedded.current = undefined;
  if (started) {
    await started.server.stop();
    await rm(started.dir, { recursive: true, force: true });
  }
}

// Setup and teardown may be loaded as separate module instances, so the handle lives on globalThis.
const EMBEDDED = Symbol.for("kaizen.test.embedded-postgres");
const embedded = ((globalThis as Record<symbol, unknown>)[EMBEDDED] ??= {}) as { current?: { server: EmbeddedDatabase; dir: string } };

/** `url` when a server answers there, else null. */
async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A fresh machine (no DATABASE_URL, nothing on PostgreSQL's port): the suite runs on the embedded PostgreSQL that
 * `npm start` uses too, in a temporary data dir under the world-traversable tmpdir (the server runs as `postgres`).
 */
async function startEmbedded(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kaizen-test-pg-"));
  await chmod(dir, 0o755); // mkdtemp makes it 0700, which the `postgres` user cannot traverse
  const server = await startEmbeddedPostgres(join(dir, "data"), { port: 54341 });
  embedded.current = { server, dir };
  return server.url;
}

/** The same server and credentials as `url`, another database. */
export function databaseUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function withAdmin<T>(adminUrl: string, fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

async function dropDeadRunDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname ~ '^kaizen_test_(template_)?[0-9]+(_[0-9a-f]+)?$'",
  );
  for (const { datname } of rows) {
    const pid = Number(/(\d+)(?:_[0-9a-f]+)?$/.exec(datname)?.[1]);
    if (!isAlive(pid)) await admin.query(`drop database if exists ${datname} with (force)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
