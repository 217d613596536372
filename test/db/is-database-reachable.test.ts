import { createPool } from "../../src/db/create-pool.js";
import { isDatabaseReachable } from "../../src/db/is-database-reachable.js";
import { useTestDatabase } from "../helpers/test-database.js";

describe("isDatabaseReachable", () => {
  const db = useTestDatabase();

  it("is true when the database answers", async () => {
    const pool = createPool(db.url);
    try {
      expect(await isDatabaseReachable(pool)).toBe(true);
    } finally {
      await pool.end();
    }
  });

  it("is false, without throwing, when nothing listens on the port", async () => {
    const pool = createPool("postgres://postgres@127.0.0.1:1/postgres");
    try {
      expect(await isDatabaseReachable(pool)).toBe(false);
    } finally {
      await pool.end();
    }
  });

  it("is false when the database does not answer within the timeout", async () => {
    const pool = createPool(db.url, { max: 1 });
    const client = await pool.connect(); // the only connection is busy, so the probe cannot run
    try {
      expect(await isDatabaseReachable(pool, 50)).toBe(false);
    } finally {
      client.release();
      await pool.end();
    }
  });
});
