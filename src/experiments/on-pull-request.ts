import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";
import { hasWaitingExperiments } from "./store/experiments.js";

/** A merged pull request in a repository with waiting experiments: which of them it closes is worked out in a job. */
export function handleExperimentPullRequest(deps: AppDeps) {
  return async (context: Context<"pull_request.closed">): Promise<void> => {
    const { pull_request: pull, repository, installation } = context.payload;
    if (!installation || !pull.merged || !pull.merge_commit_sha) return;
    if (!(await hasWaitingExperiments(deps.pool, repository.id))) return;
    const data = {
      ...installedRepo(installation, repository),
      pullNumber: pull.number,
      body: pull.body ?? "",
      mergeSha: pull.merge_commit_sha,
    };
    await deps.queue.send("link-experiment-pull", data, { key: `${repository.id}:${pull.number}` });
  };
}
