import type { FeedbackAction } from "./feedback-action.js";
import { liftMutes, recordMute } from "./store/feedback-mutes.js";
import type { FeedbackReply } from "./templates.js";

type Help = (problem: string) => FeedbackReply;

/** `/kaizen mute <subject> <duration> — <reason>`: from the comment's time, alerts for it stop until the end. */
export async function muteSubject(action: FeedbackAction, mute: { subject: string; durationMs: number; reason: string }): Promise<FeedbackReply> {
  const { target } = action;
  const startsAt = new Date(target.at);
  const recorded = await recordMute(action.pool, {
    repoId: target.repoId,
    owner: target.owner,
    repo: target.repo,
    subject: mute.subject,
    startsAt,
    until: new Date(startsAt.getTime() + mute.durationMs),
    reason: mute.reason,
    actor: target.login,
    link: action.link,
    idempotencyKey: action.key,
  });
  return { template: "feedback-muted", context: { login: target.login, subject: recorded.subject, until: recorded.until, reason: recorded.reason } };
}

/** `/kaizen unmute <subject>`: the mutes of it in force end now. */
export async function unmuteSubject(action: FeedbackAction, subject: string, help: Help): Promise<FeedbackReply> {
  const { target } = action;
  const lifted = await liftMutes(action.pool, target.repoId, subject, target.login, new Date(target.at));
  if (lifted.length === 0) return help(`nothing named \`${subject.replace(/`/g, "'")}\` is muted now.`);
  return { template: "feedback-unmuted", context: { login: target.login, subject: lifted[0]!.subject } };
}
