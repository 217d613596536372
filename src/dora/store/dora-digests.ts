import type { Queryable } from "../../db/queryable.js";

/** The digest issue of a repository's week, if one was opened. */
export async function getDoraDigest(db: Queryable, repoId: number, week: string): Promise<number | null> {
  const { rows } = await db.query<{ issueNumber: number }>(
    `select issue_number as "issueNumber" from dora_digests where repo_id = $1 and week = $2`,
    [repoId, week],
  );
  return rows[0]?.issueNumber ?? null;
}

export async function recordDoraDigest(db: Queryable, repoId: number, week: string, issueNumber: number): Promise<void> {
  await db.query("insert into dora_digests (repo_id, week, issue_number) values ($1, $2, $3) on conflict do nothing", [repoId, week, issueNumber]);
}
