import type { DoraConfig } from "../config/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import type { GitHubClient } from "../github/github-client.js";
import type { AppDeps } from "../app-deps.js";

/**
 * The repository's `dora:` settings, or null when Kaizen should leave it alone: no kaizen.yml, or one with problems
 * (the config check reports those). DORA is on, with its defaults, for every repository with a usable file.
 */
export async function loadDoraConfig(octokit: GitHubClient, deps: Pick<AppDeps, "sources">, repo: { owner: string; repo: string }): Promise<DoraConfig | null> {
  const loaded = await loadRepoConfig(octokit, repo, deps.sources.names());
  return loaded.status === "ok" ? loaded.config.dora : null;
}
