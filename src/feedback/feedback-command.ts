import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { FeedbackAction } from "./feedback-action.js";
import { handleFeedbackOnce, type FeedbackRequest } from "./handle-feedback-once.js";
import type { FeedbackJobs } from "./jobs.js";
import { markIssueFalseAlarm, markMissed, markPullFalseAlarm } from "./mark-verdicts.js";
import { parseFeedbackCommand, type FeedbackCommand } from "./model/parse-feedback-command.js";
import { muteSubject, unmuteSubject } from "./mute-subject.js";
import type { FeedbackReply } from "./templates.js";
import { undoMarks } from "./undo-marks.js";

export type FeedbackCommandJob = FeedbackJobs["feedback-command"];

/**
 * Carries out a `/kaizen` comment, once per comment (the radar command's rules), through handleFeedbackOnce: a
 * command written wrong gets a reply saying how to write it, without asking for access; with write access it marks
 * (closing a Kaizen issue as not planned), mutes, unmutes or undoes, and replies once.
 */
export async function feedbackCommand(app: Probot, deps: AppDeps, job: FeedbackCommandJob): Promise<void> {
  const command = parseFeedbackCommand(job.body);
  const help = (problem: string): FeedbackReply => ({ template: "feedback-help", context: { login: job.login, problem } });
  await handleFeedbackOnce(app, deps, {
    target: job,
    key: `comment:${job.commentId}`,
    link: job.commentUrl,
    source: "command",
    request: request(command, help),
  });
}

/** A command written wrong asks for help, without access; the others act with write access. */
function request(command: FeedbackCommand | null, help: (problem: string) => FeedbackReply): FeedbackRequest {
  if (command === null) return null;
  if (command.kind === "usage") return { reply: help(command.problem) };
  return { refused: refusedAction(command), act: (action) => act(action, command, help) };
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
