import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { deleteDoraIssue, upsertDoraIssue } from "./store/dora-issues.js";
import { toDoraIssue } from "./to-dora-issue.js";

type IssuesContext = Context<"issues">;

/**
 * An issue's labels, state and links, recorded as they are now — whatever the labels, because which label marks
 * an incident is the repository's config, read when the keys are computed. One statement; no GitHub call; a
 * redelivery writes the same row again. A deleted or transferred issue is forgotten.
 */
export function handleDoraIssues(deps: AppDeps) {
  return async (context: IssuesContext): Promise<void> => {
    const { issue, repository, action } = context.payload;
    if (action === "deleted" || action === "transferred") {
      await deleteDoraIssue(deps.pool, repository.id, issue.number);
      return;
    }
    const labels = (issue.labels ?? []).flatMap((label) => (label ? [label.name] : []));
    await upsertDoraIssue(deps.pool, repository.id, toDoraIssue({ ...issue, labels }));
  };
}
