import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";

// Only the start matters here; the job parses the rest.
const KAIZEN_COMMAND = /^\s*\/kaizen\b/i;

/**
 * A new comment starting with `/kaizen` on an issue or a pull request (not by a bot) is queued as a feedback
 * command; whether it names a Kaizen verdict is for the job. Keyed by comment id: a redelivery queues nothing new.
 */
export function handleFeedbackComment(deps: AppDeps) {
  return async (context: Context<"issue_comment.created">): Promise<void> => {
    const { comment, issue, repository, installation, sender } = context.payload;
    if (!installation || sender.type === "Bot" || !KAIZEN_COMMAND.test(comment.body)) return;
    const data = {
      ...installedRepo(installation, repository),
      issueNumber: issue.number,
      isPull: Boolean(issue.pull_request),
      commentId: comment.id,
      commentUrl: comment.html_url,
      body: comment.body,
      login: comment.user?.login ?? sender.login,
      at: comment.created_at,
    };
    await deps.queue.send("feedback-command", data, { key: String(comment.id) });
  };
}
