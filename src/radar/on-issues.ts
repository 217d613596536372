import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { toRadarIssueEvent } from "./radar-issue-event.js";

/**
 * An issue that changed may be a radar or trend item: the job reads the repo's config (only it knows the label
 * names) and syncs the item. Keyed by delivery, so a redelivered webhook queues nothing new; the job itself
 * also skips a delivery it synced before.
 */
export function handleIssues(deps: AppDeps) {
  return async (context: Context<"issues">): Promise<void> => {
    const event = toRadarIssueEvent(context.payload, context.id);
    if (!event) return;
    await deps.queue.send("sync-radar-item", event, { key: context.id, group: `${event.repoId}:${event.issue.number}` });
  };
}
