import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import type { GitHubClient } from "../github/github-client.js";
import { hasWriteAccess } from "../github/has-write-access.js";
import { installationClient } from "../github/installation-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";
import type { FeedbackAction } from "./feedback-action.js";
import type { FeedbackJobs, FeedbackTarget } from "./jobs.js";
import { markIssueFalseAlarm, markMissed, markPullFalseAlarm } from "./mark-verdicts.js";
import { parseFeedbackCommand, type FeedbackCommand } from "./model/parse-feedback-command.js";
import { muteSubject, unmuteSubject } from "./mute-subject.js";
import { hasFeedbackDelivery, recordFeedbackDelivery } from "./store/feedback-deliveries.js";
import { renderFeedbackReply, type FeedbackReply } from "./templates.js";
import { undoMarks } from "./undo-marks.js";

export type FeedbackCommandJob = FeedbackJobs["feedback-command"];

/**
 * Carries out a `/kaizen` comment, once per comment (the radar command's rules).
 *
 * 1. guard   — a comment handled already (`comment:<id>` among the feedback deliveries) does nothing.
 * 2. config  — the repository's kaizen.yml; none (or one with problems) → nothing: Kaizen gives no verdicts there.
 * 3. parse   — a command written wrong → a reply saying how to write it, without asking for access.
 * 4. access  — admin, maintain and write may mark, mute and undo; anyone else gets a refusal and nothing changes.
 * 5. act     — under the issue's lock: mark (closing a Kaizen issue as not planned), mute, unmute or undo; each
 *              record is keyed by the comment, so a retry finds what its first attempt did.
 * 6. reply   — one comment, found again by its marker on a retry.
 * 7. done    — the comment recorded as handled.
 */
export async function feedbackCommand(app: Probot, deps: AppDeps, job: FeedbackCommandJob): Promise<void> {
  const key = `comment:${job.commentId}`;
  if (await hasFeedbackDelivery(deps.pool, key)) return;
  const octokit = await installationClient(app, job.installationId);
  const config = await loadConfig(octokit, deps, job);
  const command = parseFeedbackCommand(job.body);
  if (!config || !command) return;

  const help = (problem: string): FeedbackReply => ({ template: "feedback-help", context: { login: job.login, problem } });
  let reply: FeedbackReply;
  if (command.kind === "usage") reply = help(command.problem);
  else if (!(await hasWriteAccess(octokit, { owner: job.owner, repo: job.repo, login: job.login }))) {
    reply = { template: "feedback-refused", context: { login: job.login, action: refusedAction(command) } };
  } else {
    const action: FeedbackAction = { octokit, pool: deps.pool, config, target: job, key, link: job.commentUrl, source: "command" };
    reply = await withAdvisoryLock(deps.pool, lockKey(job), () => act(action, command, help));
  }
  await replyOnce(octokit, job, key, reply);
  await recordFeedbackDelivery(deps.pool, key);
}

async function act(action: FeedbackAction, command: Exclude<FeedbackCommand, { kind: "usage" }>, help: (problem: string) => FeedbackReply): Promise<FeedbackReply> {
  switch (command.kind) {
    case "false-alarm":
      return action.target.isPull
        ? markPullFalseAlarm(action, command.metric, command.reason, help)
        : markIssueFalseAlarm(action, command.reason, help);
    case "missed":
      return markMissed(action, command.metric, command.reason, help);
    case "mute":
      return muteSubject(action, command);
    case "unmute":
      return unmuteSubject(action, command.subject, help);
    case "undo":
      return (await undoMarks(action)) ?? help("there is no mark here to undo.");
  }
}

function refusedAction(command: Exclude<FeedbackCommand, { kind: "usage" }>): string {
  if (command.kind === "mute" || command.kind === "unmute") return "muting alerts";
  if (command.kind === "undo") return "undoing marks";
  return "marking Kaizen's verdicts";
}

/** The repository's config, or null when Kaizen gives no verdicts there (no file, or one with problems). */
export async function loadConfig(octokit: GitHubClient, deps: AppDeps, { owner, repo }: { owner: string; repo: string }): Promise<KaizenConfig | null> {
  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  return loaded.status === "ok" ? loaded.config : null;
}

/** One lock per issue: a command and a label event on the same issue never interleave. */
export function lockKey(target: FeedbackTarget): string {
  return `feedback:${target.repoId}:${target.issueNumber}`;
}

/** The one reply to a comment or label event, found again by its marker when a retry posts it. */
export async function replyOnce(octokit: GitHubClient, target: FeedbackTarget, key: string, reply: FeedbackReply): Promise<void> {
  const marker = kaizenMarker("feedback", key);
  await upsertComment(octokit, { owner: target.owner, repo: target.repo, issueNumber: target.issueNumber, marker, body: renderFeedbackReply(reply) });
}
