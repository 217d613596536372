import type { Queryable } from "../../db/queryable.js";

export type BackfillSource = "deployments" | "pulls" | "issues" | "compares";

/** The page a backfill of `source` goes on from: where an interrupted one stopped, else the first. */
export async function getBackfillPage(db: Queryable, repoId: number, source: BackfillSource): Promise<number> {
  const { rows } = await db.query<{ page: number }>(
    "select next_page as page from dora_backfills where repo_id = $1 and source = $2 and finished_at is null",
    [repoId, source],
  );
  return rows[0]?.page ?? 1;
}

/** Notes the page to read next (`finished`: every page was read, so the next backfill starts over). */
export async function setBackfillPage(db: Queryable, repoId: number, source: BackfillSource, nextPage: number, finished: boolean): Promise<void> {
  await db.query(
    `insert into dora_backfills (repo_id, source, next_page, finished_at) values ($1, $2, $3, case when $4 then now() end)
     on conflict (repo_id, source) do update set next_page = excluded.next_page, finished_at = excluded.finished_at`,
    [repoId, source, nextPage, finished],
  );
}
