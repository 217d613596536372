import { reopenImprovementIssue } from "../db/improvement-issues.js";
import type { FeedbackAction } from "./feedback-action.js";
import { reopenIssue } from "./github.js";
import { retuneMetrics } from "./retune-metrics.js";
import { undoMarksOn } from "./store/feedback-marks.js";
import type { FeedbackReply } from "./templates.js";

/**
 * `/kaizen undo` (every mark made on this issue or pull request) or the `kaizen:false-alarm` label removed (the
 * marks the label made): the marks are undone and kept as history, a dismissed issue reopens unless a newer one
 * with its fingerprint is open, and auto-tuning follows the false alarms left. Null when there was nothing to undo.
 */
export async function undoMarks(action: FeedbackAction): Promise<FeedbackReply | null> {
  const { pool, target } = action;
  const undone = await undoMarksOn(pool, {
    repoId: target.repoId,
    issueNumber: target.issueNumber,
    by: target.login,
    at: new Date(target.at),
    ...(action.source === "label" ? { source: "label" as const } : {}),
  });
  if (undone.length === 0) return null;
  const reopened: Array<{ number: number; here: boolean }> = [];
  for (const issueId of new Set(undone.flatMap((m) => (m.kind === "false-alarm" && m.improvementIssueId !== null ? [m.improvementIssueId] : [])))) {
    const issueNumber = await reopenImprovementIssue(pool, issueId);
    if (issueNumber === null) continue;
    await reopenIssue(action.octokit, { owner: target.owner, repo: target.repo, issueNumber });
    reopened.push({ number: issueNumber, here: issueNumber === target.issueNumber });
  }
  const tuning = await retuneMetrics(action, undone.filter((m) => m.kind === "false-alarm").map((m) => m.metricName));
  const marks = undone.map(({ kind, metricName, environment, actor }) => ({ kind, metricName, environment, actor }));
  return { template: "feedback-undone", context: { login: target.login, marks, reopened, tuning } };
}
