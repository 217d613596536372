import pg from "pg";
import { migrate } from "../../src/db/migrate.js";

const DEFAULT_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * Global setup (runs once, in jest's parent process): creates this run's template database and migrates it,
 * so every test file can clone a ready schema in milliseconds (`createTestDatabase`). The names carry the
 * run's pid, so runs in parallel on one server never drop each other's databases; databases left by runs
 * that died are dropped here. Workers learn the names from the environment.
 */
export async function setupPostgres(): Promise<void> {
  const adminUrl = process.env["DATABASE_URL"] || DEFAULT_ADMIN_URL;
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

/** Global teardown: drops the template (each test file drops its own database). */
export async function teardownPostgres(): Promise<void> {
  const adminUrl = process.env["KAIZEN_TEST_ADMIN_URL"];
  const template = process.env["KAIZEN_TEST_TEMPLATE"];
  if (!adminUrl || !template) return;
  await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${template} with (force)`));
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
