import type { Context } from "probot";
import type { Queryable } from "../db/queryable.js";
import { deleteCachedFiles, deleteCachedRepoFiles } from "../db/github-file-cache.js";
import { contentsCacheKey } from "../github/cached-contents.js";
import { forgetKnownRepoConfigs } from "./known-repo-config.js";

/** GitHub lists at most this many commits in a push payload: a longer push may have touched files it leaves out. */
const LISTED_COMMITS = 20;

/**
 * A push to a repository's default branch forgets the cached copies of the files it touched (kaizen.yml, an org
 * `.github` default, an `_extends` target), so the next job reads them again. A push too long to list every file
 * forgets all of the repository's cached files. Other branches hold no cached file.
 */
export function handleConfigPush(deps: { pool: Queryable }) {
  return async (context: Context<"push">): Promise<void> => {
    const { ref, repository, commits } = context.payload;
    if (ref !== `refs/heads/${repository.default_branch}`) return;
    const [owner = "", repo = ""] = repository.full_name.split("/");
    if (commits.length >= LISTED_COMMITS) {
      await deleteCachedRepoFiles(deps.pool, contentsCacheKey(owner, repo, ""));
    } else {
      const paths = new Set(commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]));
      const keys = [...paths].map((path) => contentsCacheKey(owner, repo, path));
      if (keys.length === 0 || (await deleteCachedFiles(deps.pool, keys)) === 0) return;
    }
    forgetKnownRepoConfigs();
  };
}
