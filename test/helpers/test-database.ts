import { randomBytes } from "node:crypto";
import type pg from "pg";
import { createPool } from "../../src/db/create-pool.js";
import { databaseUrl, withAdmin } from "../setup/postgres.js";
import { aroundTests } from "./around-tests.js";
import { lateBound } from "./late-bound.js";

/** A database of its own for one test file, cloned from the migrated template. */
export interface TestDatabase {
  url: string;
  pool: pg.Pool;
  /** Closes the pool and drops the database, ending any connection still open on it. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh database and a pool on it: migrated (cloned from the template, a few ms), or empty with
 * `{ migrated: false }` for testing the migrations themselves.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = process.env["KAIZEN_TEST_ADMIN_URL"];
  const run = process.env["KAIZEN_TEST_RUN"];
  const template = process.env["KAIZEN_TEST_TEMPLATE"];
  if (!adminUrl || !run || !template) {
    throw new Error(
      "No template database: run the tests through jest, whose global setup (test/setup/postgres.ts) creates it.",
    );
  }
  const name = `kaizen_test_${run}_${randomBytes(4).toString("hex")}`;
  const source = options.migrated === false ? "template0" : template;
  await withAdmin(adminUrl, (admin) => admin.query(`create database ${name} template ${source}`));
  const url = databaseUrl(adminUrl, name);
  // The production pool (size, connect timeout, and an error listener: connections are cut on purpose when the
  // database is dropped), so tests meet the contention production does.
  const pool = createPool(url);
  let dropped = false;
  return {
    url,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end();
      await withAdmin(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * A database of its own for the enclosing describe block: created in beforeAll and dropped in afterAll, or with
 * `{ each: true }` a fresh one for each test. Returns it to use inside hooks and tests; seed it in a beforeAll
 * declared after this call.
 */
export function useTestDatabase(options: { migrated?: boolean; each?: boolean } = {}): TestDatabase {
  let db: TestDatabase | undefined;
  const create = async () => {
    db = await createTestDatabase({ migrated: options.migrated });
  };
  const drop = async () => {
    await db?.drop();
    db = undefined;
  };
  aroundTests(create, drop, options.each);
  return lateBound(() => db, "The database of useTestDatabase()");
}
