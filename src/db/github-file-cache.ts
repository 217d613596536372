import type { Queryable } from "./queryable.js";

/** One cached repository file (see migrations/023_github_file_cache.sql). */
export interface CachedFile {
  key: string;
  status: 200 | 404;
  etag: string | null;
  contentType: string | null;
  body: string | null;
  checkedAt: Date;
}

export async function getCachedFile(db: Queryable, key: string): Promise<CachedFile | null> {
  const { rows } = await db.query<CachedFile>(
    `select key, status, etag, content_type as "contentType", body, checked_at as "checkedAt" from github_file_cache where key = $1`,
    [key],
  );
  return rows[0] ?? null;
}

/** Stores what GitHub answered for a file, checked now. */
export async function saveCachedFile(db: Queryable, file: Omit<CachedFile, "checkedAt">): Promise<void> {
  await db.query(
    `insert into github_file_cache (key, status, etag, content_type, body) values ($1, $2, $3, $4, $5)
     on conflict (key) do update set status = $2, etag = $3, content_type = $4, body = $5, checked_at = now()`,
    [file.key, file.status, file.etag, file.contentType, file.body],
  );
}

/** GitHub said the file has not changed (304): fresh again from now. */
export async function touchCachedFile(db: Queryable, key: string): Promise<void> {
  await db.query("update github_file_cache set checked_at = now() where key = $1", [key]);
}

/** Forgets the given files (a push changed them); returns how many were cached. */
export async function deleteCachedFiles(db: Queryable, keys: string[]): Promise<number> {
  const { rowCount } = await db.query("delete from github_file_cache where key = any($1::text[])", [keys]);
  return rowCount ?? 0;
}

/** Forgets every cached file of a repository (`prefix` is its `owner/repo/` key prefix). */
export async function deleteCachedRepoFiles(db: Queryable, prefix: string): Promise<void> {
  await db.query("delete from github_file_cache where starts_with(key, $1)", [prefix]);
}
