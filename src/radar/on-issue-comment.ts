import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";

// Only the start matters here; the job reads the rest against the repository's rings.
const RADAR_COMMAND = /^\s*\/radar\b/i;

/**
 * A new comment starting with `/radar` on an issue (not a pull request, not by a bot) is queued as a radar
 * command; whether the repository has a radar and the issue is an item is for the job, which reads the config.
 * Keyed by comment id: a redelivery of the same comment queues nothing new.
 */
export function handleIssueComment(deps: AppDeps) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, issue, repository, installation, sender } = context.payload;
    if (!installation || issue.pull_request || sender.type === "Bot" || !RADAR_COMMAND.test(comment.body)) return;
    const data = {
      ...installedRepo(installation, repository),
      issueNumber: issue.number,
      labels: issue.labels.map((label) => label.name),
      commentId: comment.id,
      commentUrl: comment.html_url,
      body: comment.body,
      login: comment.user?.login ?? sender.login,
      at: comment.created_at,
    };
    await deps.queue.send("radar-command", data, { key: String(comment.id), group: `${data.repoId}:${data.issueNumber}` });
  };
}
