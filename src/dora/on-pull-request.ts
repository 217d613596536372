import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";

/** A merged pull request queues reading its commits: one change for the lead time. Closed unmerged: nothing. */
export function handleDoraPullRequest(deps: AppDeps) {
  return async (context: Context<"pull_request.closed">): Promise<void> => {
    const { pull_request: pull, repository, installation } = context.payload;
    if (!pull.merged || !pull.merged_at || !installation) return;
    const data = {
      ...installedRepo(installation, repository),
      number: pull.number,
      mergeCommitSha: pull.merge_commit_sha,
      mergedAt: pull.merged_at,
    };
    await deps.queue.send("dora-pull", data, { key: `${repository.id}:${pull.number}` });
  };
}
