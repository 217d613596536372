import type { DoraConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import type { GitHubClient } from "../github/github-client.js";
import type { AppDeps } from "../app-deps.js";
import { saveDoraSettings } from "./store/dora-settings.js";

/**
 * The repository's `dora:` settings, or null when Kaizen should leave it alone: no kaizen.yml, or one with problems
 * (the config check reports those). DORA is on, with its defaults, for every repository with a usable file. Given
 * the repository's id, the settings are kept in the database too, for the dashboard (which asks GitHub nothing).
 */
export async function loadDoraConfig(
  octokit: GitHubClient,
  deps: Pick<AppDeps, "sources" | "pool">,
  repo: { owner: string; repo: string; repoId?: number },
): Promise<DoraConfig | null> {
  const loaded = await loadRepoConfig(octokit, { owner: repo.owner, repo: repo.repo }, deps.sources.names());
  if (loaded.status !== "ok") return null;
  if (repo.repoId !== undefined) await saveDoraSettings(deps.pool, repo.repoId, loaded.config.dora);
  return loaded.config.dora;
}
