import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";

type InstallationContext = Context<"installation.created" | "installation_repositories.added">;
type RepositoryRef = { id: number; full_name: string };

/**
 * A new installation, or repositories added to one, get their existing radar and trend issues imported: one
 * queued job per repository, which reads its kaizen.yml and does nothing when it has no `radar:` section.
 * Keyed by delivery and repository, so a redelivery queues nothing new (and the import is idempotent anyway).
 */
export function handleInstallation(deps: AppDeps) {
  return async (context: InstallationContext): Promise<void> => {
    const { payload } = context;
    const installationId = payload.installation.id;
    const repositories: RepositoryRef[] =
      "repositories_added" in payload
        ? payload.repositories_added
        : // GitHub leaves the list out when it is too long to send: ask for it.
          (payload.repositories ??
          (await context.octokit.paginate(context.octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 })));
    for (const repository of repositories) {
      const [owner = "", repo = ""] = repository.full_name.split("/");
      const data = { installationId, repoId: repository.id, owner, repo };
      await deps.queue.send("import-radar", data, { key: `${context.id}:${repository.id}` });
    }
  };
}
