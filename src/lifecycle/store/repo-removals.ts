import type { Queryable } from "../../db/queryable.js";

export interface RepoRemoval {
  repoId: number;
  fullName: string;
}

/** Records that the app lost these repositories (a redelivery keeps the first time). */
export async function recordRepoRemovals(db: Queryable, installationId: number, repos: RepoRemoval[]): Promise<void> {
  if (repos.length === 0) return;
  await db.query(
    `insert into repo_removals (repo_id, full_name, installation_id)
     select * from unnest($1::bigint[], $2::text[], array_fill($3::bigint, array[cardinality($1::bigint[])]))
     on conflict (repo_id) do nothing`,
    [repos.map((r) => r.repoId), repos.map((r) => r.fullName), installationId],
  );
}

/** The repositories are back (installed again): their data stays. */
export async function cancelRepoRemovals(db: Queryable, repoIds: number[]): Promise<void> {
  if (repoIds.length === 0) return;
  await db.query("delete from repo_removals where repo_id = any($1::bigint[])", [repoIds]);
}

/** Removals whose grace period has passed at `now`. */
export async function listDueRepoRemovals(db: Queryable, graceMs: number, now: Date): Promise<RepoRemoval[]> {
  const { rows } = await db.query<{ repo_id: string; full_name: string }>(
    "select repo_id, full_name from repo_removals where removed_at <= $1::timestamptz - make_interval(secs => $2) order by removed_at",
    [now, graceMs / 1000],
  );
  return rows.map((r) => ({ repoId: Number(r.repo_id), fullName: r.full_name }));
}

export async function deleteRepoRemoval(db: Queryable, repoId: number): Promise<void> {
  await db.query("delete from repo_removals where repo_id = $1", [repoId]);
}
