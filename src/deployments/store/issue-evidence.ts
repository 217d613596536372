import { queryRow } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";

/** A row of `issue_evidence`: the comment an evaluation posted on an improvement issue. */
export interface IssueEvidenceRow {
  issueId: number;
  evaluationId: number;
  commentId: number;
  createdAt: Date;
}

const COLUMNS = `issue_id as "issueId", evaluation_id as "evaluationId", comment_id as "commentId",
  created_at as "createdAt"`;

/** The evidence this evaluation already posted on this issue, or null. */
export async function findIssueEvidence(
  db: Queryable,
  issueId: number,
  evaluationId: number,
): Promise<IssueEvidenceRow | null> {
  return queryRow<IssueEvidenceRow>(
    db,
    `select ${COLUMNS} from issue_evidence where issue_id = $1 and evaluation_id = $2`,
    [issueId, evaluationId],
  );
}

/**
 * Records the comment an evaluation posted as evidence on an issue. The first record wins; returns whether
 * this call recorded it.
 */
export async function recordIssueEvidence(
  db: Queryable,
  issueId: number,
  evaluationId: number,
  commentId: number,
): Promise<boolean> {
  const { rowCount } = await db.query({
    text: `insert into issue_evidence (issue_id, evaluation_id, comment_id) values ($1, $2, $3)
           on conflict (issue_id, evaluation_id) do nothing`,
    values: [issueId, evaluationId, commentId],
  });
  return rowCount === 1;
}
