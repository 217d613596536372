import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { cancelRepoRemovals } from "./store/repo-removals.js";

/** Repositories installed (again) within their grace period keep their data. */
export function handleInstallationAdded(deps: AppDeps) {
  return async (context: Context<"installation.created" | "installation_repositories.added">): Promise<void> => {
    const { payload } = context;
    const repositories = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    await cancelRepoRemovals(deps.pool, repositories.map((r) => r.id));
  };
}
