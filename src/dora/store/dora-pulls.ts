import type { Queryable } from "../../db/queryable.js";
import type { DoraPull } from "../model/dora-facts.js";

/** Records a merged pull request and its commits; returns whether anything changed. */
export async function upsertDoraPull(db: Queryable, repoId: number, pull: DoraPull & { mergedAt: Date }): Promise<boolean> {
  const { rowCount } = await db.query(
    `insert into dora_pulls as p (repo_id, pr_number, merge_commit_sha, merged_at, first_commit_at, shas)
     values ($1, $2, $3, $4, $5, $6)
     on conflict (repo_id, pr_number) do update set merge_commit_sha = excluded.merge_commit_sha, merged_at = excluded.merged_at,
       first_commit_at = excluded.first_commit_at, shas = excluded.shas
     where (p.merge_commit_sha, p.merged_at, p.first_commit_at, p.shas) is distinct from
           (excluded.merge_commit_sha, excluded.merged_at, excluded.first_commit_at, excluded.shas)`,
    [repoId, pull.number, pull.mergeCommitSha, pull.mergedAt, pull.firstCommitAt, pull.shas],
  );
  return rowCount === 1;
}

export async function listDoraPulls(db: Queryable, repoId: number): Promise<DoraPull[]> {
  const { rows } = await db.query<DoraPull>(
    `select pr_number as number, merge_commit_sha as "mergeCommitSha", shas, first_commit_at as "firstCommitAt"
     from dora_pulls where repo_id = $1 order by pr_number`,
    [repoId],
  );
  return rows;
}
