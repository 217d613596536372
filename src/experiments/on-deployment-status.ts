import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";
import { hasWaitingExperiments } from "./store/experiments.js";

/**
 * A successful deployment to an environment with waiting experiments: `judge-experiments` looks at its evaluation
 * (the deployments feature's, read from the database) and waits for it to finish. One job per status: a redelivery
 * queues nothing new.
 */
export function handleExperimentDeploymentStatus(deps: AppDeps) {
  return async (context: Context<"deployment_status.created">): Promise<void> => {
    const { deployment_status: status, deployment, repository, installation } = context.payload;
    if (status.state !== "success" || !installation) return;
    const environment = status.environment ?? deployment.environment;
    if (!(await hasWaitingExperiments(deps.pool, repository.id, environment))) return;
    const data = {
      ...installedRepo(installation, repository),
      repoUrl: repository.html_url,
      environment,
      sha: deployment.sha,
      githubStatusId: status.id,
      attempt: 0,
    };
    await deps.queue.send("judge-experiments", data, { key: `${status.id}:0` });
  };
}
