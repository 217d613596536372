import { queryRow, queryRows } from "./query-rows.js";
import type { Queryable } from "./queryable.js";

/** A row of `pr_comments`: a comment Kaizen keeps on a pull request, found again by its marker. */
export interface PrCommentRow {
  repoId: number;
  prNumber: number;
  /** The hidden marker in the comment body: `<!-- kaizen:pr -->`, or an earlier version's per-environment one. */
  marker: string;
  commentId: number;
  updatedAt: Date;
}

const COLUMNS = `repo_id as "repoId", pr_number as "prNumber", marker, comment_id as "commentId",
  updated_at as "updatedAt"`;

/**
 * Every comment recorded for this pull request, oldest first: Kaizen's one comment (`<!-- kaizen:pr -->`) and any
 * per-environment comments written by earlier versions.
 */
export async function listPrComments(db: Queryable, repoId: number, prNumber: number): Promise<PrCommentRow[]> {
  return queryRows<PrCommentRow>(
    db,
    `select ${COLUMNS} from pr_comments where repo_id = $1 and pr_number = $2 order by comment_id`,
    [repoId, prNumber],
  );
}

/** Records (or re-points, when the old one was deleted) the sticky comment for this pull request and marker. */
export async function savePrComment(
  db: Queryable,
  repoId: number,
  prNumber: number,
  marker: string,
  commentId: number,
): Promise<PrCommentRow> {
  return (await queryRow<PrCommentRow>(
    db,
    `insert into pr_comments (repo_id, pr_number, marker, comment_id) values ($1, $2, $3, $4)
           on conflict (repo_id, pr_number, marker) do update set comment_id = excluded.comment_id, updated_at = now()
           returning ${COLUMNS}`,
    [repoId, prNumber, marker, commentId],
  ))!;
}

/** Forgets the comment recorded for this pull request and marker (an earlier version's, once retired). */
export async function deletePrComment(db: Queryable, repoId: number, prNumber: number, marker: string): Promise<void> {
  await db.query({
    text: "delete from pr_comments where repo_id = $1 and pr_number = $2 and marker = $3",
    values: [repoId, prNumber, marker],
  });
}
