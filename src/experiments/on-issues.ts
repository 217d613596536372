import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";

/** The label that makes an issue an experiment. */
export const EXPERIMENT_LABEL = "experiment";

/** An issue labelled `experiment` (opened, edited, labelled): its hypothesis is read in a job, once per delivery. */
export function handleExperimentIssues(deps: AppDeps) {
  return async (context: Context<"issues.opened" | "issues.edited" | "issues.labeled">): Promise<void> => {
    const { issue, repository, installation } = context.payload;
    const labels = (issue.labels ?? []).map((label) => label.name);
    if (!installation || issue.pull_request || !labels.includes(EXPERIMENT_LABEL)) return;
    const data = {
      ...installedRepo(installation, repository),
      issueNumber: issue.number,
      title: issue.title,
      body: issue.body ?? "",
      labels,
    };
    await deps.queue.send("sync-experiment", data, { key: context.id });
  };
}
