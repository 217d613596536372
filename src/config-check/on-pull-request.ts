import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";

/** A pull request's head is queued for config validation; the job checks whether the PR touches the config. */
export function handlePullRequest(deps: AppDeps) {
  return async (
    context: Context<"pull_request.opened" | "pull_request.reopened" | "pull_request.synchronize">,
  ): Promise<void> => {
    const { pull_request: pr, repository, installation } = context.payload;
    if (!installation) return;
    const data = {
      installationId: installation.id,
      owner: repository.owner.login,
      repo: repository.name,
      sha: pr.head.sha,
      pullNumber: pr.number,
      fromFork: pr.head.repo?.id !== repository.id,
    };
    await deps.queue.send("validate-config", data, { key: `${repository.id}:${pr.head.sha}` });
  };
}
