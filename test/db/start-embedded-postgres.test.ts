import { freePort } from "../helpers/free-port.js";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/db/start-embedded-postgres.js";

describe("startEmbeddedPostgres", () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), "kaizen-embedded-")); // mode 0700
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it("as root, names a parent the postgres user cannot enter, and how to fix it", async () => {
    // Only root hands the server to the `postgres` user; any other user runs it as themselves.
    const start = startEmbeddedPostgres(join(parent, "pg"), { port: 54399 });
    if (process.getuid?.() === 0) {
      await expect(start).rejects.toThrow(`cannot enter ${parent} (mode 700). Run \`chmod o+x ${parent}\``);
    } else {
      await (await start).stop();
    }
  });

  it("initialises a cluster on first start, serves queries, and keeps the data across a restart", async () => {
    await chmod(parent, 0o755);
    const dataDir = join(parent, "nested", "pg"); // parents that do not exist yet
    const port = await freePort(); // off the default, so a running dev server is untouched

    const first = await startEmbeddedPostgres(dataDir, { port });
    expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
    await query(first.url, "create table kept (v int); insert into kept values (42)");
    await first.stop();

    const second = await startEmbeddedPostgres(dataDir, { port }); // PG_VERSION exists: no initdb this time
    try {
      const { rows } = await query(second.url, "select v from kept");
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      await second.stop();
    }
  });
});

async function query(url: string, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
