import type { Queryable } from "../db/queryable.js";
import type { JobQueue } from "../queue/create-queue.js";
import type { BenchmarkJobs } from "./jobs.js";

/**
 * Queues the job of every benchmark run that is stored but unfinished and older than `olderThanSeconds` (its job
 * was never queued: the process died between storing the run and queuing it). Pending → `ingest-benchmarks`,
 * ingested → `compare-benchmarks`, keyed by the run as everywhere else, so a run whose job exists gets no second
 * one. Returns how many jobs this call queued.
 */
export async function sweepBenchmarkRuns(
  db: Queryable,
  queue: JobQueue<BenchmarkJobs>,
  { olderThanSeconds }: { olderThanSeconds: number },
): Promise<number> {
  const { rows } = await db.query<{ id: string; state: "pending" | "ingested" }>(
    `select id, state from benchmark_runs
     where state in ('pending', 'ingested') and created_at < now() - make_interval(secs => $1)
     order by id limit 1000`,
    [olderThanSeconds],
  );
  let queued = 0;
  for (const { id, state } of rows) {
    const job = state === "pending" ? "ingest-benchmarks" : "compare-benchmarks";
    if (await queue.send(job, { runId: Number(id) }, { key: id })) queued++;
  }
  return queued;
}
