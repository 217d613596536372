import { queryRow } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

/** The newest commit of a branch whose push comparison was applied to the benchmark issues, and its run. */
export interface BenchmarkIssueTip {
  sha: string;
  runId: number;
}

export async function findBenchmarkIssueTip(db: Queryable, repoId: number, branch: string): Promise<BenchmarkIssueTip | null> {
  return queryRow<BenchmarkIssueTip>(
    db,
    `select sha, run_id as "runId" from benchmark_issue_tips where repo_id = $1 and branch = $2`,
    [repoId, branch],
  );
}

/** Moves the branch's tip to a newer commit; the caller has checked, under the repository's lock, that it is newer. */
export async function setBenchmarkIssueTip(db: Queryable, repoId: number, branch: string, tip: BenchmarkIssueTip): Promise<void> {
  await db.query({
    text: `insert into benchmark_issue_tips (repo_id, branch, sha, run_id) values ($1, $2, $3, $4)
           on conflict (repo_id, branch) do update set sha = excluded.sha, run_id = excluded.run_id, updated_at = now()`,
    values: [repoId, branch, tip.sha, tip.runId],
  });
}
