import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";

type InstallationContext = Context<"installation.created" | "installation_repositories.added">;

/**
 * A new installation, or repositories added to one, get their DORA history backfilled: one queued job per
 * repository (the job reads its kaizen.yml and does nothing without one). Keyed by delivery and repository.
 * When GitHub left the list out (too long to send), one job asks for it: the webhook makes no GitHub call.
 */
export function handleDoraInstallation(deps: AppDeps) {
  return async (context: InstallationContext): Promise<void> => {
    const { payload } = context;
    const repositories = "repositories_added" in payload ? payload.repositories_added : payload.repositories;
    if (!repositories) {
      await deps.queue.send("dora-sync-installation", { installationId: payload.installation.id }, { key: context.id });
      return;
    }
    for (const repository of repositories) {
      const [owner = "", repo = ""] = repository.full_name.split("/");
      const data = { installationId: payload.installation.id, repoId: repository.id, owner, repo };
      await deps.queue.send("dora-sync", data, { key: `${context.id}:${repository.id}` });
    }
  };
}
