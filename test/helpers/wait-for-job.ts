import type pg from "pg";
import { jobId } from "../../src/queue/create-queue.js";
import type { JobName } from "../../src/jobs.js";

/**
 * Waits until the job queued under `name` and `key` has completed. A failed attempt fails the test at once with
 * the job's error (the queue would retry it: a test expects every job to succeed the first time).
 */
export async function waitForJob(pool: pg.Pool, name: JobName, key: string): Promise<void> {
  const id = jobId(name, key);
  for (;;) {
    const { rows } = await pool.query<{ state: string; output: unknown }>("select state, output from pgboss.job where id = $1", [id]);
    const state = rows[0]?.state;
    if (state === "completed") return;
    if (state === "failed" || state === "retry") throw new Error(`${name} ${key}: ${JSON.stringify(rows[0]?.output)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
