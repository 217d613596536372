import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { listRadarItems } from "./store/radar-items.js";
import type { RadarSnapshot } from "./model/radar-snapshot.js";
import type { GitHubClient } from "../github/github-client.js";
import { installationClient } from "../github/installation-client.js";
import { saveRadarLayout } from "./store/radar-layouts.js";
import { readRadarSnapshot } from "./read-radar-snapshot.js";

/** A repository's radar with what acting on it takes: its config and a client of its installation. */
export interface LoadedRadar {
  repoId: number;
  installationId: number;
  octokit: GitHubClient;
  config: RadarConfig;
  snapshot: RadarSnapshot;
}

/**
 * A repository's radar, or null when it has none: no radar items stored yet, or its kaizen.yml (from the default
 * branch, through the config cache when the caller runs in its scope: a job, or the API) is gone, broken or has no
 * `radar:` section any more.
 *
 * 1. db     — the repository's radar items by its id (they carry its current name and installation). Never by
 *             name: a renamed repository's name can belong to another repository, with other readers.
 * 2. config — `.github/kaizen.yml` through the installation: rings and quadrants in their order (kept in the
 *             database for the dashboard).
 * 3. db     — the rest of the snapshot (readRadarSnapshot).
 */
export async function loadRadar(app: Probot, deps: Pick<AppDeps, "pool" | "sources">, repoId: number): Promise<LoadedRadar | null> {
  const radarItems = await listRadarItems(deps.pool, repoId, "radar");
  const first = radarItems[0];
  if (!first) return null;

  const octokit = await installationClient(app, first.installationId);
  const loaded = await loadRepoConfig(octokit, { owner: first.owner, repo: first.repo }, deps.sources.names());
  if (loaded.status !== "ok" || !loaded.config.radar) return null;
  const config = loaded.config.radar;
  await saveRadarLayout(deps.pool, first.repoId, config);

  const snapshot = await readRadarSnapshot(deps.pool, radarItems, config);
  return { repoId: first.repoId, installationId: first.installationId, octokit, config, snapshot };
}
