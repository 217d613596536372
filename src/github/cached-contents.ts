import { AsyncLocalStorage } from "node:async_hooks";
import type { Queryable } from "../db/queryable.js";
import { getCachedFile, saveCachedFile, touchCachedFile, type CachedFile } from "../db/github-file-cache.js";
import type { JobMap, JobQueue } from "../queue/create-queue.js";
import type { GitHubClient } from "./github-client.js";

/** How a file read was served: from a fresh row, revalidated by a 304, or read from GitHub. */
export type ContentsCacheOutcome = "hit" | "revalidated" | "miss";

export interface ContentsCacheScope {
  pool: Queryable;
  /** How long a cached file is used without asking GitHub (default 10 minutes); after that it is revalidated. */
  freshMs?: number;
  /** Serve from fresh rows only, never asking GitHub: anything else throws ContentsNotCached (the webhook intake). */
  offline?: boolean;
  onLookup?: (outcome: ContentsCacheOutcome) => void;
}

/** An offline read of a file that has no fresh cached copy. */
export class ContentsNotCached extends Error {}

const CONTENTS_ROUTE = "/repos/{owner}/{repo}/contents/{path}";
const FRESH_MS = 10 * 60_000;
const scope = new AsyncLocalStorage<ContentsCacheScope>();
const hooked = new WeakSet<object>();

/** The cache key of a file: `owner/repo/path`, lower-cased (GitHub's names are case-insensitive). */
export function contentsCacheKey(owner: string, repo: string, path: string): string {
  return `${owner}/${repo}/${path}`.toLowerCase();
}

/** Runs `fn` with default-branch file reads served through the cache (on clients given to cacheContents). */
export function withContentsCache<T>(cache: ContentsCacheScope, fn: () => Promise<T>): Promise<T> {
  return scope.run(cache, fn);
}

/** How long a cached file is used without asking GitHub, from AppDeps.configFreshSeconds (default 10 minutes). */
export function configFreshMs(deps: { configFreshSeconds?: number }): number {
  return (deps.configFreshSeconds ?? FRESH_MS / 1000) * 1000;
}

/**
 * Runs `fn` with default-branch file reads served through the cache of `deps` (its pool and freshness): for code
 * outside a job, such as an HTTP API, whose every request would otherwise read kaizen.yml with the installation's
 * token and spend the rate limit the jobs share.
 */
export function withConfigCache<T>(deps: { pool: Queryable; configFreshSeconds?: number }, fn: () => Promise<T>): Promise<T> {
  return withContentsCache({ pool: deps.pool, freshMs: configFreshMs(deps) }, fn);
}

/** Every job handler of `queue` runs in a contents cache scope on `pool`: the jobs' config reads are cached. */
export function cachingContents<Jobs extends JobMap<Jobs>>(queue: JobQueue<Jobs>, cache: ContentsCacheScope): JobQueue<Jobs> {
  return { ...queue, work: (name, handler, options) => queue.work(name, (data, job) => withContentsCache(cache, () => handler(data, job)), options) };
}

type RequestOptions = { method?: string; url?: string; owner?: string; repo?: string; path?: string; ref?: string; headers?: Record<string, string> };
type OctokitResponse = { status: number; url: string; headers: Record<string, string | undefined>; data: unknown };

/**
 * Lets `octokit`'s file reads (`GET /repos/{owner}/{repo}/contents/{path}` without a `ref`: the default branch,
 * as Probot's config plugin reads kaizen.yml, the org default and `_extends` targets) go through the cache inside a
 * withContentsCache scope. Outside one, and for reads at a ref (a pull request's head), nothing changes.
 */
export function cacheContents<T extends GitHubClient>(octokit: T): T {
  if (hooked.has(octokit)) return octokit;
  hooked.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    const cache = scope.getStore();
    const read = options as unknown as RequestOptions;
    if (!cache || read.method !== "GET" || read.url !== CONTENTS_ROUTE || read.ref || !read.owner || !read.repo || !read.path) {
      return request(options);
    }
    // The hooks further in are bound to this very options object (before-after-hook): a header is added to it, not
    // to a copy.
    const send = (headers: Record<string, string>) => {
      Object.assign(options.headers, headers);
      return request(options) as Promise<OctokitResponse>;
    };
    return (await readThroughCache(cache, contentsCacheKey(read.owner, read.repo, read.path), send)) as Awaited<ReturnType<typeof request>>;
  });
  return octokit;
}

async function readThroughCache(
  cache: ContentsCacheScope,
  key: string,
  send: (headers: Record<string, string>) => Promise<OctokitResponse>,
): Promise<OctokitResponse> {
  const row = await getCachedFile(cache.pool, key);
  if (row && Date.now() - row.checkedAt.getTime() < (cache.freshMs ?? FRESH_MS)) {
    cache.onLookup?.("hit");
    return replay(row);
  }
  if (cache.offline) throw new ContentsNotCached(`${key} is not cached`);
  try {
    const response = await send(row?.etag ? { "if-none-match": row.etag } : {});
    const contentType = response.headers["content-type"] ?? null;
    const body = typeof response.data === "string" ? response.data : JSON.stringify(response.data);
    await saveCachedFile(cache.pool, { key, status: 200, etag: response.headers.etag ?? null, contentType, body });
    cache.onLookup?.("miss");
    return response;
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 304 && row) {
      await touchCachedFile(cache.pool, key);
      cache.onLookup?.("revalidated");
      return replay(row);
    }
    if (status === 404) {
      await saveCachedFile(cache.pool, { key, status: 404, etag: null, contentType: null, body: null });
      cache.onLookup?.("miss");
    }
    throw error;
  }
}

/** The response GitHub gave for a cached row; a cached 404 is thrown as the request would throw it. */
function replay(row: CachedFile): OctokitResponse {
  if (row.status === 404) throw Object.assign(new Error(`Not Found (cached: ${row.key})`), { status: 404 });
  const json = row.contentType?.startsWith("application/json") ?? false;
  return {
    status: 200,
    url: row.key,
    headers: { "content-type": row.contentType ?? undefined, etag: row.etag ?? undefined },
    data: json && row.body !== null ? (JSON.parse(row.body) as unknown) : row.body,
  };
}
