import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";

/** The label that marks a Kaizen issue's verdict a false alarm (removing it undoes the mark). */
export const FALSE_ALARM_LABEL = "kaizen:false-alarm";

/**
 * The `kaizen:false-alarm` label added to or removed from an issue by a person is queued as a mark or its undoing,
 * one job per delivery. Which issue it is, and whether the sender may mark, is for the job.
 */
export function handleFeedbackLabel(deps: AppDeps) {
  return async (context: Context<"issues.labeled" | "issues.unlabeled">): Promise<void> => {
    const { action, issue, label, repository, installation, sender } = context.payload;
    if (!installation || sender.type === "Bot" || label?.name.toLowerCase() !== FALSE_ALARM_LABEL) return;
    const data = {
      ...installedRepo(installation, repository),
      issueNumber: issue.number,
      isPull: false,
      issueUrl: issue.html_url,
      login: sender.login,
      at: issue.updated_at,
      action,
      deliveryId: context.id,
    };
    await deps.queue.send("feedback-label", data, { key: context.id });
  };
}
