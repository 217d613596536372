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

describe("migrate", () => {
  const db = useTestDatabase({ migrated: false, each: true });

  it("applies every migration to an empty database, then nothing on the next run", async () => {
    expect(await migrate(db.pool)).toEqual(["001_initial.sql", "002_evaluation_failed.sql", "003_confirmation.sql", "004_verdict_explanation.sql", "005_benchmarks.sql", "006_benchmark_issues.sql", "007_pr_comment_sections.sql", "008_radar.sql", "009_issue_order.sql", "010_dora.sql", "015_experiments.sql", "016_gate.sql", "023_github_file_cache.sql", "024_webhook_redeliveries.sql", "025_repo_removals.sql"]);
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
      "evaluations",
      "experiment_mentions",
      "experiments",
      "gate_requests",
      "github_file_cache",
      "improvement_issues",
      "issue_evidence",
      "kaizen_migrations",
      "metric_results",
      "pr_comment_sections",
      "pr_comments",
      "radar_deliveries",
      "radar_items",
      "radar_movements",
      "radar_reviews",
      "radar_trend_links",
      "repo_removals",
      "webhook_delivery_scan",
      "webhook_redeliveries",
    ]);
  });

  it("applies each migration once when two processes start at the same time", async () => {
    const other = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      const runs = await Promise.all([migrate(db.pool), migrate(other)]);
      expect(runs.flat().sort()).toEqual(["001_initial.sql", "002_evaluation_failed.sql", "003_confirmation.sql", "004_verdict_explanation.sql", "005_benchmarks.sql", "006_benchmark_issues.sql", "007_pr_comment_sections.sql", "008_radar.sql", "009_issue_order.sql", "010_dora.sql", "015_experiments.sql", "016_gate.sql", "023_github_file_cache.sql", "024_webhook_redeliveries.sql", "025_repo_removals.sql"]);
      const { rows } = await db.pool.query("select name from kaizen_migrations order by name");
      expect(rows).toEqual([
        { name: "001_initial.sql" },
        { name: "002_evaluation_failed.sql" },
        { name: "003_confirmation.sql" },
        { name: "004_verdict_explanation.sql" },
        { name: "005_benchmarks.sql" },
        { name: "006_benchmark_issues.sql" },
        { name: "007_pr_comment_sections.sql" },
        { name: "008_radar.sql" },
        { name: "009_issue_order.sql" },
        { name: "010_dora.sql" },
        { name: "015_experiments.sql" },
        { name: "016_gate.sql" },
        { name: "023_github_file_cache.sql" },
        { name: "024_webhook_redeliveries.sql" },
        { name: "025_repo_removals.sql" },
      ]);
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
