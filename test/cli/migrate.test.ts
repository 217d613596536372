import { readdir } from "node:fs/promises";
import { useTestDatabase } from "../helpers/test-database.js";
import { runKaizen } from "./run-kaizen.js";

describe("kaizen migrate", () => {
  describe("with DATABASE_URL set to an empty database", () => {
    const db = useTestDatabase({ migrated: false });

    const tables = async () =>
      (await db.pool.query<{ name: string }>("select table_name as name from information_schema.tables where table_schema = 'public'")).rows
        .map((row) => row.name)
        .sort();

    it("applies every migration, then finds nothing left to apply", async () => {
      const files = (await readdir(new URL("../../migrations/", import.meta.url))).filter((name) => name.endsWith(".sql")).sort();

      const first = await runKaizen(["migrate"], { env: { DATABASE_URL: db.url } });
      expect(first).toEqual({ code: 0, stdout: `ok  applied ${files.join(", ")}\n`, stderr: "" });
      expect(await tables()).toEqual(expect.arrayContaining(["deployments", "evaluations", "metric_results", "kaizen_migrations"]));
      const applied = await db.pool.query("select name from kaizen_migrations order by name");
      expect(applied.rows.map((row) => row.name)).toEqual(files);

      const before = await tables();
      const second = await runKaizen(["migrate"], { env: { DATABASE_URL: db.url } });
      expect(second).toEqual({ code: 0, stdout: "ok  the database is up to date\n", stderr: "" });
      expect(await tables()).toEqual(before);
      expect((await db.pool.query("select name from kaizen_migrations")).rowCount).toBe(files.length);
    });
  });

  describe("without DATABASE_URL", () => {
    it("says what to set on stderr and exits 2", async () => {
      const { code, stdout, stderr } = await runKaizen(["migrate"]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("error: DATABASE_URL is not set: set it to the app's database (postgres://user@host:port/database).");
    });
  });
});
