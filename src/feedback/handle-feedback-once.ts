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
import type { FeedbackTarget } from "./jobs.js";
import { hasFeedbackDelivery, recordFeedbackDelivery } from "./store/feedback-deliveries.js";
import { renderFeedbackReply, type FeedbackReply } from "./templates.js";

/**
 * What a comment or label event asks for, once the repository's config is known: a reply that needs no access (how
 * to write a command written wrong), or an action for people with write access (`refused`: what anyone else is
 * told they may not do); null: nothing to do.
 */
export type FeedbackRequest =
  | { reply: FeedbackReply }
  | { refused: string; act: (action: FeedbackAction) => Promise<FeedbackReply | null> }
  | null;

/**
 * The steps a `/kaizen` comment and the false-alarm label share, once per event (`key`: `comment:<id>` or
 * `label:<delivery>`):
 * 1. guard  — an event handled already (its key among the feedback deliveries) does nothing.
 * 2. config — the repository's kaizen.yml; none (or one with problems) → nothing: Kaizen gives no verdicts there.
 * 3. ask    — `request` says what the event asks for; null → nothing.
 * 4. access — admin, maintain and write may act; anyone else gets a refusal and nothing changes.
 * 5. act    — under the issue's lock (a command and a label on one issue never interleave); each record is keyed by
 *             `key`, so a retry finds what its first attempt did.
 * 6. reply  — one comment, found again by its marker on a retry (none when the action has nothing to say).
 * 7. done   — the event recorded as handled.
 */
export async function handleFeedbackOnce(
  app: Probot,
  deps: AppDeps,
  event: { target: FeedbackTarget; key: string; link: string; source: FeedbackAction["source"]; request: FeedbackRequest },
): Promise<void> {
  const { target, key } = event;
  if (await hasFeedbackDelivery(deps.pool, key)) return;
  const octokit = await installationClient(app, target.installationId);
  const config = await loadConfig(octokit, deps, target);
  const { request } = event;
  if (!config || !request) return;

  let reply: FeedbackReply | null;
  // A command written wrong, or one its author may not give, is answered in one comment per person and issue,
  // updated in place: anyone can post commands, and they must not make Kaizen post a comment for each of theirs.
  let answerOnce = true;
  if ("reply" in request) reply = request.reply;
  else if (!(await hasWriteAccess(octokit, { owner: target.owner, repo: target.repo, login: target.login }))) {
    reply = { template: "feedback-refused", context: { login: target.login, action: request.refused } };
  } else {
    const action: FeedbackAction = { octokit, pool: deps.pool, config, target, key, link: event.link, source: event.source };
    reply = await withAdvisoryLock(deps.pool, `feedback:${target.repoId}:${target.issueNumber}`, () => request.act(action));
    answerOnce = false;
  }
  if (reply) {
    const marker = answerOnce ? kaizenMarker("feedback-answer", `${target.issueNumber}:${target.login.toLowerCase()}`) : kaizenMarker("feedback", key);
    await upsertComment(octokit, { owner: target.owner, repo: target.repo, issueNumber: target.issueNumber, marker, body: renderFeedbackReply(reply) });
  }
  await recordFeedbackDelivery(deps.pool, key);
}

/** The repository's config, or null when Kaizen gives no verdicts there (no file, or one with problems). */
async function loadConfig(octokit: GitHubClient, deps: AppDeps, { owner, repo }: { owner: string; repo: string }): Promise<KaizenConfig | null> {
  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  return loaded.status === "ok" ? loaded.config : null;
}
