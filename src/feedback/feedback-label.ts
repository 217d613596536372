import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { hasWriteAccess } from "../github/has-write-access.js";
import { installationClient } from "../github/installation-client.js";
import type { FeedbackAction } from "./feedback-action.js";
import { loadConfig, lockKey, replyOnce } from "./feedback-command.js";
import type { FeedbackJobs } from "./jobs.js";
import { markIssueFalseAlarm } from "./mark-verdicts.js";
import { FALSE_ALARM_LABEL } from "./on-issues.js";
import { hasFeedbackDelivery, recordFeedbackDelivery } from "./store/feedback-deliveries.js";
import type { FeedbackReply } from "./templates.js";
import { undoMarks } from "./undo-marks.js";

export type FeedbackLabelJob = FeedbackJobs["feedback-label"];

/**
 * The `kaizen:false-alarm` label, added or removed, once per delivery: the same steps as the command (config,
 * access, act under the issue's lock, one reply). Added: the issue's verdict is marked with the label as its
 * reason and the issue closed as not planned; removed: the marks the label made are undone. A label on an issue
 * Kaizen did not open, or removed with nothing to undo, changes nothing and says nothing.
 */
export async function feedbackLabel(app: Probot, deps: AppDeps, job: FeedbackLabelJob): Promise<void> {
  const key = `label:${job.deliveryId}`;
  if (await hasFeedbackDelivery(deps.pool, key)) return;
  const octokit = await installationClient(app, job.installationId);
  const config = await loadConfig(octokit, deps, job);
  if (!config) return;

  let reply: FeedbackReply | null;
  if (!(await hasWriteAccess(octokit, { owner: job.owner, repo: job.repo, login: job.login }))) {
    reply = { template: "feedback-refused", context: { login: job.login, action: `marking Kaizen's verdicts with the \`${FALSE_ALARM_LABEL}\` label` } };
  } else {
    const action: FeedbackAction = { octokit, pool: deps.pool, config, target: job, key, link: job.issueUrl, source: "label" };
    reply = await withAdvisoryLock(deps.pool, lockKey(job), async () => {
      if (job.action === "unlabeled") return undoMarks(action);
      return markIssueFalseAlarm(action, `labelled \`${FALSE_ALARM_LABEL}\``, () => null);
    });
  }
  if (reply) await replyOnce(octokit, job, key, reply);
  await recordFeedbackDelivery(deps.pool, key);
}
