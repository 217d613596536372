import {
  getBenchmarkRun,
  recordBenchmarkRun,
  setBenchmarkRunState,
  type NewBenchmarkRun,
} from "../../../src/benchmarks/store/benchmark-runs.js";
import { useTestDatabase } from "../../helpers/test-database.js";

let next = 1;

/** A run as a workflow_run webhook describes it; ids are GitHub-sized (above 2^31). */
function aRun(overrides: Partial<NewBenchmarkRun> = {}): NewBenchmarkRun {
  const n = next++;
  return {
    repoId: 4_100_000_000 + n,
    owner: "octo-org",
    repo: "shop",
    installationId: 3_900_000_000,
    githubRunId: 12_000_000_000 + n,
    workflowName: "Benchmarks",
    event: "pull_request",
    headBranch: "faster-parser",
    headSha: "b".repeat(40),
    headOwner: null,
    ...overrides,
  };
}

describe("benchmark runs", () => {
  const db = useTestDatabase();

  /** Returns once a session of this database is blocked on a lock (the second insert on the first's row). */
  async function untilSomeoneWaitsForALock(): Promise<void> {
    for (;;) {
      const { rows } = await db.pool.query(
        "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  describe("recordBenchmarkRun", () => {
    it("stores a pending run with no problems, GitHub-sized ids as numbers", async () => {
      const run = aRun({ headOwner: "a-contributor" });
      const recorded = await recordBenchmarkRun(db.pool, run);
      expect(recorded).toEqual({ ...run, id: expect.any(Number), state: "pending", problems: [], note: null, checkRunId: null });
      expect(await getBenchmarkRun(db.pool, recorded.id)).toEqual(recorded);
    });

    it("returns the same row, in its current state, when the run is delivered again", async () => {
      const run = aRun();
      const first = await recordBenchmarkRun(db.pool, run);
      await setBenchmarkRunState(db.pool, first.id, "ingested", { note: "read 1 file" });
      const again = await recordBenchmarkRun(db.pool, { ...run, headBranch: "renamed-meanwhile" });
      expect(again).toMatchObject({ id: first.id, state: "ingested", headBranch: run.headBranch, note: "read 1 file" });
      const { rows } = await db.pool.query("select count(*)::int as n from benchmark_runs where github_run_id = $1", [run.githubRunId]);
      expect(rows[0]).toEqual({ n: 1 });
    });

    it("returns the row to a delivery that waited for a concurrent one of the same run", async () => {
      const run = aRun();
      const first = await db.pool.connect();
      try {
        await first.query("begin");
        const inserted = await recordBenchmarkRun(first, run);
        const second = recordBenchmarkRun(db.pool, run);
        await untilSomeoneWaitsForALock();
        await first.query("commit");
        expect(await second).toEqual(inserted);
      } finally {
        first.release();
      }
    });
  });

  describe("getBenchmarkRun", () => {
    it("returns null for an id that does not exist", async () => {
      expect(await getBenchmarkRun(db.pool, 987_654_321)).toBeNull();
    });
  });

  describe("setBenchmarkRunState", () => {
    const problem = { file: "results/bench.json", line: 3, reason: "not JSON", fix: "Upload the file the tool wrote." };

    it("saves the state, problems, note and check run", async () => {
      const { id } = await recordBenchmarkRun(db.pool, aRun());
      await setBenchmarkRunState(db.pool, id, "ingested", { problems: [problem], note: "read 2 files" });
      await setBenchmarkRunState(db.pool, id, "reported", { checkRunId: 5_000_000_001 });
      expect(await getBenchmarkRun(db.pool, id)).toMatchObject({
        state: "reported",
        problems: [problem],
        note: "read 2 files",
        checkRunId: 5_000_000_001,
      });
    });

    it("replaces the problems when given, an empty list included", async () => {
      const { id } = await recordBenchmarkRun(db.pool, aRun());
      await setBenchmarkRunState(db.pool, id, "ingested", { problems: [problem] });
      await setBenchmarkRunState(db.pool, id, "ingested", { problems: [] });
      expect((await getBenchmarkRun(db.pool, id))?.problems).toEqual([]);
    });

    it("changes only the run it names", async () => {
      const a = await recordBenchmarkRun(db.pool, aRun());
      const b = await recordBenchmarkRun(db.pool, aRun());
      await setBenchmarkRunState(db.pool, a.id, "failed", { note: "gave up" });
      expect(await getBenchmarkRun(db.pool, b.id)).toEqual(b);
    });
  });
});
