import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { recordRepoRemovals } from "./store/repo-removals.js";

/**
 * The app lost repositories (its installation deleted, or repositories removed from it): each is recorded as
 * removed now, and its data is deleted once KAIZEN_RETENTION has passed (pruneData), unless it comes back first.
 */
export function handleInstallationRemoved(deps: AppDeps) {
  return async (context: Context<"installation.deleted" | "installation_repositories.removed">): Promise<void> => {
    const { payload } = context;
    const repositories = "repositories_removed" in payload ? payload.repositories_removed : (payload.repositories ?? []);
    const repos = repositories.map((r) => ({ repoId: r.id, fullName: r.full_name }));
    await recordRepoRemovals(deps.pool, payload.installation.id, repos);
  };
}
