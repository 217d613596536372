import { readdirSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { migrate } from "../../src/db/migrate.js";
import { useTestDatabase } from "../helpers/test-database.js";

const tables = async (pool: pg.Pool) =>
  (
    await pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name",
    )
  ).rows.map((row) => row.table_name);

/** Every migration file, in the order they apply; each new file must keep the tables list below true. */
const MIGRATIONS = readdirSync(new URL("../../migrations/", import.meta.url)).filter((name) => /^\d{3}_[a-z0-9_-]+\.sql$/.test(name)).sort();

describe("migrate", () => {
  const db = useTestDatabase({ migrated: false, each: true });

  it("applies every migration to an empty database, then nothing on the next run", async () => {
    expect(await migrate(db.pool)).toEqual(MIGRATIONS);
    expect(await migrate(db.pool)).toEqual([]);
    expect(await tables(db.pool)).toEqual([
      "benchmark_issue_evidence",
      "benchmark_issue_tips",
      "benchmark_results",
      "benchmark_runs",
      "deployments",
      "dora_backfills",
      "dora_deployment_commits",
      "dora_deployment_compares",
      "dora_deployments",
      "dora_digests",
      "dora_issues",
      "dora_pulls",
      "dora_settings",
      "evaluations",
      "experiment_mentions",
      "experiments",
      "feedback_adjustments",
      "feedback_deliveries",
      "feedback_marks",
      "feedback_mutes",
      "gate_requests",
      "github_file_cache",
      "improvement_issues",
      "issue_evidence",
      "job_group_turns",
      "kaizen_migrations",
      "metric_results",
      "pr_comment_sections",
      "pr_comments",
      "radar_deliveries",
      "radar_items",
      "radar_layouts",
      "radar_movements",
      "radar_reviews",
      "radar_trend_links",
      "repo_removals",
      "webhook_delivery_scan",
      "webhook_inbox",
      "webhook_redeliveries",
    ]);
  });

  it("applies each migration once when two processes start at the same time", async () => {
    const other = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const runs = await Promise.all([migrate(db.pool), migrate(other)]);
      expect(runs.flat().sort()).toEqual(MIGRATIONS);
      const { rows } = await db.pool.query("select name from kaizen_migrations order by name");
      expect(rows).toEqual(MIGRATIONS.map((name) => ({ name })));
    } finally {
      await other.end();
    }
  });

  it("keeps the migrations before a failing one and rolls the failing one back entirely", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kaizen-migrations-"));
    await writeFile(join(dir, "001_first.sql"), "create table first (id int);");
    await writeFile(join(dir, "002_broken.sql"), "create table second (id int);\nselect * from missing_table;");
    await writeFile(join(dir, "README.md"), "not a migration");
    const url = pathToFileURL(`${dir}/`);

    await expect(migrate(db.pool, url)).rejects.toThrow(/migration 002_broken\.sql failed: .*missing_table/);

    expect(await tables(db.pool)).toEqual(["first", "kaizen_migrations"]);
    const { rows } = await db.pool.query("select name from kaizen_migrations");
    expect(rows).toEqual([{ name: "001_first.sql" }]);
    // the lock was released: a later run (after the fix) proceeds
    await writeFile(join(dir, "002_broken.sql"), "create table second (id int);");
    expect(await migrate(db.pool, url)).toEqual(["002_broken.sql"]);
  });
});
