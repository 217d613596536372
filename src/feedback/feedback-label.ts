import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { handleFeedbackOnce } from "./handle-feedback-once.js";
import type { FeedbackJobs } from "./jobs.js";
import { markIssueFalseAlarm } from "./mark-verdicts.js";
import { FALSE_ALARM_LABEL } from "./on-issues.js";
import { undoMarks } from "./undo-marks.js";

export type FeedbackLabelJob = FeedbackJobs["feedback-label"];

/**
 * The `kaizen:false-alarm` label, added or removed, once per delivery: the same steps as the command (config,
 * access, act under the issue's lock, one reply). Added: the issue's verdict is marked with the label as its
 * reason and the issue closed as not planned; removed: the marks the label made are undone. A label on an issue
 * Kaizen did not open, or removed with nothing to undo, changes nothing and says nothing.
 */
export async function feedbackLabel(app: Probot, deps: AppDeps, job: FeedbackLabelJob): Promise<void> {
  await handleFeedbackOnce(app, deps, {
    target: job,
    key: `label:${job.deliveryId}`,
    link: job.issueUrl,
    source: "label",
    request: {
      refused: `marking Kaizen's verdicts with the \`${FALSE_ALARM_LABEL}\` label`,
      act: (action) => (job.action === "unlabeled" ? undoMarks(action) : markIssueFalseAlarm(action, `labelled \`${FALSE_ALARM_LABEL}\``, () => null)),
    },
  });
}
