import type pg from "pg";
import { withTransaction } from "../db/with-transaction.js";
import { deleteRepoData } from "./store/delete-repo-data.js";
import { deleteRepoRemoval, listDueRepoRemovals } from "./store/repo-removals.js";

/** What one prune removed. */
export interface PruneReport {
  /** Each repository whose grace period had passed, with the rows deleted per table. */
  repos: Array<{ fullName: string; rows: Record<string, number> }>;
  /** Workflow runs recorded and then skipped (not a benchmark workflow) that are older than GitHub keeps deliveries. */
  skippedRuns: number;
  /** Finished jobs (completed, cancelled, failed) past the retention, from pg-boss's table. */
  finishedJobs: number;
}

/** GitHub keeps (and redelivers) webhook deliveries for 3 days: a skipped run's row guards against a redelivery until then. */
const DELIVERY_DAYS = 3;

/**
 * Deletes the data Kaizen no longer needs.
 *
 * 1. repositories — the app lost access (installation deleted, repository removed) more than `retentionMs` ago and
 *    did not get it back: every row of theirs, in one transaction per repository.
 * 2. skipped runs — workflow runs that turned out not to be benchmark workflows, once older than 3 days.
 * 3. jobs — finished pg-boss jobs older than `retentionMs` (the dead-letter queue's record of give-ups included).
 */
export async function pruneData(pool: pg.Pool, { retentionMs, now }: { retentionMs: number; now: Date }): Promise<PruneReport> {
  const repos: PruneReport["repos"] = [];
  for (const removal of await listDueRepoRemovals(pool, retentionMs, now)) {
    const rows = await withTransaction(pool, async (client) => {
      const deleted = await deleteRepoData(client, removal);
      await deleteRepoRemoval(client, removal.repoId);
      return deleted;
    });
    repos.push({ fullName: removal.fullName, rows });
  }
  const skipped = await pool.query(
    "delete from benchmark_runs where state = 'skipped' and created_at < $1::timestamptz - make_interval(days => $2)",
    [now, DELIVERY_DAYS],
  );
  const jobs = await pool.query(
    `delete from pgboss.job where state in ('completed', 'cancelled', 'failed')
     and coalesce(completed_on, created_on) < $1::timestamptz - make_interval(secs => $2)`,
    [now, retentionMs / 1000],
  );
  return { repos, skippedRuns: skipped.rowCount ?? 0, finishedJobs: jobs.rowCount ?? 0 };
}

/** The report as the operator reads it: one line per repository and per kind of row. */
export function describePrune(report: PruneReport): string[] {
  const lines = report.repos.map(({ fullName, rows }) => {
    const parts = Object.entries(rows).map(([table, n]) => `${n} ${table}`);
    return `removed ${fullName}: ${parts.length > 0 ? parts.join(", ") : "no rows"}`;
  });
  lines.push(`removed ${report.skippedRuns} skipped workflow run(s)`);
  lines.push(`removed ${report.finishedJobs} finished job(s)`);
  return lines;
}
