import type { Queryable } from "../db/queryable.js";
import type { GitHubClient } from "../github/github-client.js";
import { cacheContents, withContentsCache } from "../github/cached-contents.js";
import { loadRepoConfig, type RepoConfigResult } from "./load-repo-config.js";

/** Results the webhook intake looked up lately, per repository: repeated deliveries skip even the cache's query. */
const known = new Map<string, { result: RepoConfigResult; until: number }>();
const MEMO_MS = 10_000;
const MEMO_MAX = 10_000;

/**
 * The repository's default-branch config as Kaizen knows it without asking GitHub: from the cached files only
 * (github/cached-contents.ts), or null when any file it needs is not cached fresh (then the job reads it). Lets the
 * webhook intake answer a delivery the repository does not want (no config, an environment it does not evaluate)
 * without writing anything.
 */
export async function findKnownRepoConfig(
  octokit: GitHubClient,
  pool: Queryable,
  target: { owner: string; repo: string },
  sourceNames: string[],
  freshMs?: number,
): Promise<RepoConfigResult | null> {
  const memoKey = `${target.owner}/${target.repo}`.toLowerCase();
  const memo = known.get(memoKey);
  if (memo && memo.until > Date.now()) return memo.result;
  let result: RepoConfigResult;
  try {
    result = await withContentsCache({ pool, offline: true, freshMs }, () => loadRepoConfig(cacheContents(octokit), target, sourceNames));
  } catch {
    // Not cached (or not readable): the job will read it. Not remembered, so the job's read is seen at once.
    return null;
  }
  if (known.size >= MEMO_MAX) known.clear();
  known.set(memoKey, { result, until: Date.now() + MEMO_MS });
  return result;
}

/** Forgets what the intake looked up (a push changed a config file; an org default may concern every repository). */
export function forgetKnownRepoConfigs(): void {
  known.clear();
}
