import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { hasRadarDelivery, recordRadarDelivery } from "./store/radar-deliveries.js";
import { getRadarItem, upsertRadarItem } from "./store/radar-items.js";
import { findRadarMovement, recordRadarMovement, setRadarMovementAnnounced } from "./store/radar-movements.js";
import { type RadarMovement } from "./model/radar-item.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { withTransaction } from "../db/with-transaction.js";
import type { RadarJobs } from "./jobs.js";
import { displayName } from "./model/display-name.js";
import { moveRingLabels } from "./github.js";
import { hasWriteAccess } from "../github/has-write-access.js";
import { parseRadarCommand, type RadarCommand } from "./model/parse-radar-command.js";
import { judgeRadarCommand } from "./model/judge-radar-command.js";
import type { GitHubClient } from "../github/github-client.js";
import { installationClient } from "../github/installation-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { renderRadarTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

export type RadarCommandJob = RadarJobs["radar-command"];

/**
 * Carries out a `/radar move <ring> — <reason>` comment on a radar item, once per comment.
 *
 * 1. guard    — a comment handled already (`comment:<id>` among the radar deliveries) does nothing.
 * 2. config   — the repository's kaizen.yml; no `radar:` section (or a file with problems) → nothing.
 * 3. judge    — the command against the rings and the stored item.
 * 4. access   — the author's permission, before any reply: admin, maintain and write may move; anyone else gets
 *               one refusal per issue for a move (updated, not repeated), and nothing for a command that moves
 *               nothing. A writer's bad command, or an item that cannot move (not a radar item, pending,
 *               retired, in that ring already) → a reply saying why and how.
 * 5. record   — the movement (source `command`, with the reason, keyed by the comment) and the item's new ring,
 *               stored BEFORE the labels change: the `issues` events the label change causes find the item in
 *               its new ring already, so the label sync records nothing more.
 * 6. labels   — the old ring labels removed, the new one added.
 * 7. announce — "Moved Assess → Trial by @x: reason", once per movement (a marker names it, so a retry finds it).
 * 8. done     — the comment recorded as handled.
 * Steps 3–7 run under the issue's lock, which the label sync (syncRadarItem) takes too. A retry after step 5
 * resumes at step 6 from the recorded movement (the item is in its new ring by then).
 */
export async function radarCommand(app: Probot, deps: AppDeps, job: RadarCommandJob): Promise<void> {
  const handled = `comment:${job.commentId}`;
  if (await hasRadarDelivery(deps.pool, handled)) return;
  const octokit = await installationClient(app, job.installationId);
  const loaded = await loadRepoConfig(octokit, { owner: job.owner, repo: job.repo }, deps.sources.names());
  const config = loaded.status === "ok" ? loaded.config.radar : undefined;
  const command = config ? parseRadarCommand(job.body, config.rings) : null;
  if (!config || !command) return;

  // The label sync takes the same lock: it sees the item either before the move or in its new ring.
  await withAdvisoryLock(deps.pool, `radar:${job.repoId}:${job.issueNumber}`, async () => {
    const recorded = await findRadarMovement(deps.pool, `${handled}:ring`);
    const movement = recorded ?? (await judgeAndRecord(octokit, deps, job, config, command));
    if (movement) await finishMove(octokit, deps, job, config, movement);
  });
  await recordRadarDelivery(deps.pool, handled);
}

/** Steps 3–5: a reply when the command moves nothing; else the movement, recorded with the item's new ring. */
async function judgeAndRecord(
  octokit: GitHubClient,
  deps: AppDeps,
  job: RadarCommandJob,
  config: RadarConfig,
  command: RadarCommand,
): Promise<RadarMovement | null> {
  const { owner, repo, issueNumber, login } = job;
  const verdict = judgeRadarCommand(command, await getRadarItem(deps.pool, job.repoId, issueNumber), config);
  // Access first: a reply to anyone would let strangers make the bot post (and notify) at will.
  if (!(await hasWriteAccess(octokit, { owner, repo, login }))) {
    if (verdict.kind === "move") await refuse(octokit, job, config, verdict.from, verdict.to);
    return null;
  }
  if (verdict.kind === "reply") {
    const example = config.rings[1] ?? config.rings[0]!;
    const body = renderRadarTemplate("radar-command-help", { login, problem: verdict.problem, rings: config.rings, example });
    await replyToCommand(octokit, job, body);
    return null;
  }
  const { item, from, to, reason } = verdict;
  return withTransaction(deps.pool, async (db) => {
    const movement = await recordRadarMovement(db, {
      itemId: item.id,
      field: "ring",
      from,
      to,
      actor: login,
      reason,
      source: "command",
      link: job.commentUrl,
      movedAt: new Date(job.at),
      idempotencyKey: `comment:${job.commentId}:ring`,
    });
    // Dated by the comment: an event older than the move, arriving late, must not put the item back.
    const at = new Date(job.at);
    await upsertRadarItem(db, { ...item, ring: to, syncedAt: item.syncedAt && item.syncedAt > at ? item.syncedAt : at });
    return movement;
  });
}

/**
 * The refusal to someone without write access: one comment per person and issue (its marker names them), updated
 * by their later attempts, so repeating the command cannot make Kaizen post again and again.
 */
async function refuse(octokit: GitHubClient, job: RadarCommandJob, config: RadarConfig, from: string, to: string): Promise<void> {
  const { owner, repo, issueNumber, login } = job;
  const body = renderRadarTemplate("radar-command-refused", { login, ring: displayName(from), ringLabel: `${config.ring_prefix}${to}` });
  await upsertComment(octokit, { owner, repo, issueNumber, marker: kaizenMarker("radar-refused", login), body });
}

/** Steps 6 and 7: the labels follow the recorded movement, which is announced in one comment (its marker). */
async function finishMove(
  octokit: GitHubClient,
  deps: AppDeps,
  { owner, repo, issueNumber, labels }: RadarCommandJob,
  config: RadarConfig,
  movement: RadarMovement,
): Promise<void> {
  const to = movement.to ?? "";
  await moveRingLabels(octokit, { owner, repo, issueNumber }, config, labels, to);
  if (movement.announcementCommentId !== null) return;
  const marker = kaizenMarker("radar-moved", String(movement.id));
  const context = { marker, from: displayName(movement.from ?? ""), to: displayName(to), login: movement.actor ?? "", reason: movement.reason ?? "" };
  const { id } = await upsertComment(octokit, { owner, repo, issueNumber, marker, body: renderRadarTemplate("radar-command-moved", context) });
  await setRadarMovementAnnounced(deps.pool, movement.id, id);
}

/**
 * The one reply to a command comment, marked with the comment's id: a retry after GitHub failed on the first
 * attempt (a 502 that may have created it) finds and updates that reply instead of posting a second.
 */
async function replyToCommand(octokit: GitHubClient, job: RadarCommandJob, body: string): Promise<void> {
  const { owner, repo, issueNumber } = job;
  await upsertComment(octokit, { owner, repo, issueNumber, marker: kaizenMarker("radar-reply", String(job.commentId)), body });
}

/**
 * A command given up on after every retry: the author, who waits for an answer on the issue, is told it was not
 * carried out and how to try again (the reason goes to the operator's log, not to the issue).
 */
export async function replyCommandFailed(app: Probot, job: RadarCommandJob): Promise<void> {
  const octokit = await installationClient(app, job.installationId);
  await replyToCommand(octokit, job, renderRadarTemplate("radar-command-failed", { login: job.login }));
}
