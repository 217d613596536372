import { queryRow, queryRows } from "./query-rows.js";
import type { Queryable } from "./queryable.js";

/** A row of `pr_comment_sections`: one part of Kaizen's comment on a pull request, as rendered. */
export interface PrCommentSectionRow {
  repoId: number;
  prNumber: number;
  /** `deployment:<environment>` or `benchmarks`. */
  key: string;
  /** The section's Markdown. */
  body: string;
  updatedAt: Date;
}

const COLUMNS = `repo_id as "repoId", pr_number as "prNumber", key, body, updated_at as "updatedAt"`;

/** Stores a section of the pull request's comment, replacing the earlier version of the same key. */
export async function savePrCommentSection(
  db: Queryable,
  section: Pick<PrCommentSectionRow, "repoId" | "prNumber" | "key" | "body">,
): Promise<PrCommentSectionRow> {
  return (await queryRow<PrCommentSectionRow>(
    db,
    `insert into pr_comment_sections (repo_id, pr_number, key, body) values ($1, $2, $3, $4)
           on conflict (repo_id, pr_number, key) do update set body = excluded.body, updated_at = now()
           returning ${COLUMNS}`,
    [section.repoId, section.prNumber, section.key, section.body],
  ))!;
}

/** Every section stored for the pull request, by key (the comment orders them itself). */
export async function listPrCommentSections(
  db: Queryable,
  repoId: number,
  prNumber: number,
): Promise<PrCommentSectionRow[]> {
  return queryRows<PrCommentSectionRow>(
    db,
    `select ${COLUMNS} from pr_comment_sections where repo_id = $1 and pr_number = $2 order by key`,
    [repoId, prNumber],
  );
}
