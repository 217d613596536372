import type { Queryable } from "../../db/queryable.js";

/**
 * The comment a benchmark run already posted on an improvement issue, or null: the benchmark counterpart of
 * findIssueEvidence, so a retried compare job never comments twice.
 */
export async function findBenchmarkIssueEvidence(db: Queryable, issueId: number, runId: number): Promise<number | null> {
  const { rows } = await db.query<{ commentId: string }>({
    text: `select comment_id as "commentId" from benchmark_issue_evidence where issue_id = $1 and run_id = $2`,
    values: [issueId, runId],
  });
  return rows[0] ? Number(rows[0].commentId) : null;
}

/** Records the comment a benchmark run posted on an issue; the first record wins. */
export async function recordBenchmarkIssueEvidence(db: Queryable, issueId: number, runId: number, commentId: number): Promise<void> {
  await db.query({
    text: `insert into benchmark_issue_evidence (issue_id, run_id, comment_id) values ($1, $2, $3)
           on conflict (issue_id, run_id) do nothing`,
    values: [issueId, runId, commentId],
  });
}
