import type pg from "pg";

/** The `benchmark_runs` row of GitHub's workflow run `runId` once it has reached one of `states`; fails after 20 s. */
export async function waitForBenchmarkRun(pool: pg.Pool, runId: number, states = ["reported", "failed", "skipped"]): Promise<Record<string, any>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await pool.query("select * from benchmark_runs where github_run_id = $1", [runId]);
    if (states.includes(rows[0]?.state)) return rows[0] as Record<string, any>;
    if (Date.now() > deadline) throw new Error(`run ${runId} is still ${rows[0]?.state ?? "missing"}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
