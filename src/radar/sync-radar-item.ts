import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { saveRadarLayout } from "./store/radar-layouts.js";
import { hasRadarDelivery, recordRadarDelivery } from "./store/radar-deliveries.js";
import { getRadarItem, setRadarItemAnnouncedProblem, upsertRadarItem } from "./store/radar-items.js";
import { type RadarItem } from "./model/radar-item.js";
import { listRadarMovementsByItem, recordRadarMovement, setRadarMovementAnnounced } from "./store/radar-movements.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { withTransaction } from "../db/with-transaction.js";
import { isAnnouncedMove, nextRadarItem, type RadarItemUpdate } from "./model/next-radar-item.js";
import type { RadarIssueEvent } from "./radar-issue-event.js";
import type { GitHubClient } from "../github/github-client.js";
import { installationClient } from "../github/installation-client.js";
import { isKaizenAuthored } from "../github/is-kaizen-authored.js";
import { announceRadarMove } from "./announce-move.js";
import { explainProblem } from "./explain-problem.js";
import { removeRadarLabels } from "./github.js";
import { syncTrendItem } from "./sync-trend-item.js";
import { hasLabel } from "./model/has-label.js";

/**
 * Keeps a repository's radar item in step with its issue, for one `issues` webhook (job `sync-radar-item`).
 *
 * 1. delivery — a delivery synced already changes nothing again; only what it left unannounced is finished (7).
 * 2. config   — `.github/kaizen.yml` from the default branch; no usable file or no `radar:` section → nothing.
 * 3. classify — under a lock on the issue: a market trend goes to the trend sync; anything else is judged as a
 *    radar item (an issue that never had the radar label comes out as nothing to do).
 * 4. analyse  — the next state from the stored item and the event's labels (nextRadarItem): a label added to a
 *    placed item is a move; bad labels keep the last valid state and set the problem.
 * 5. labels   — on a move the bot removes the old ring or quadrant label, before storing, so a retry does it again.
 * 6. db       — the item, one movement per changed field (keyed by delivery and field) and the delivery, atomically
 *    (an event that changes nothing stores nothing).
 * 7. report   — each move of this delivery announced once; a problem not explained yet explained once (for a
 *    trend too: a retried trend job ends here, its delivery being stored already).
 */
export async function syncRadarItem(app: Probot, deps: AppDeps, event: RadarIssueEvent): Promise<void> {
  const target = { owner: event.owner, repo: event.repo, issueNumber: event.issue.number };
  const lockKey = `radar:${event.repoId}:${event.issue.number}`;
  let client: GitHubClient | undefined;
  const octokit = async () => (client ??= await installationClient(app, event.installationId));
  let radar: RadarConfig | null | undefined;
  const config = async () => {
    if (radar !== undefined) return radar;
    const loaded = await loadRepoConfig(await octokit(), { owner: event.owner, repo: event.repo }, deps.sources.names());
    radar = loaded.status === "ok" ? (loaded.config.radar ?? null) : null;
    if (radar) await saveRadarLayout(deps.pool, event.repoId, radar);
    return radar;
  };

  const applied = await hasRadarDelivery(deps.pool, event.deliveryId);
  if (!applied && (await config()) === null) return;

  await withAdvisoryLock(deps.pool, lockKey, async () => {
    if (!applied) {
      const stored = await getRadarItem(deps.pool, event.repoId, event.issue.number);
      const radarConfig = (await config())!;
      if (isTrend(radarConfig, event, stored)) {
        await syncTrendItem(await octokit(), deps, { config: radarConfig, event, stored });
        return;
      }
      // Any app's bot is of type Bot with a `[bot]` login: only Kaizen's own label removals are its moves.
      const isKaizen = event.sender.isBot && (await isKaizenAuthored(await octokit(), { user: { login: event.sender.login, type: "Bot" } }));
      const update = nextRadarItem(radarConfig, { ...event, sender: { ...event.sender, isBot: isKaizen } }, stored);
      if (update) {
        await removeRadarLabels(await octokit(), target, update.removeLabels);
        await store(deps, event, update);
      }
    }
    const item = await getRadarItem(deps.pool, event.repoId, event.issue.number);
    if (item) await report(deps, event, item, octokit, config);
  });
}

function isTrend(config: RadarConfig, event: RadarIssueEvent, stored: RadarItem | null): boolean {
  if (hasLabel(event.issue.labels, config.label)) return false;
  return hasLabel(event.issue.labels, config.trend_label) || stored?.kind === "trend";
}

/**
 * An event that changes nothing leaves no trace: replayed, it changes nothing again (an older event is skipped by
 * its time), so only deliveries that stored something are remembered.
 */
async function store(deps: AppDeps, event: RadarIssueEvent, update: RadarItemUpdate): Promise<void> {
  await withTransaction(deps.pool, async (db) => {
    const item = await upsertRadarItem(db, update.item);
    for (const change of update.changes) {
      await recordRadarMovement(db, {
        ...change,
        itemId: item.id,
        actor: event.sender.login,
        reason: null,
        link: event.issue.url,
        movedAt: new Date(event.at),
        idempotencyKey: `${event.deliveryId}:${change.field}`,
      });
    }
    await recordRadarDelivery(db, event.deliveryId);
  });
}

async function report(
  deps: AppDeps,
  event: RadarIssueEvent,
  item: RadarItem,
  octokit: () => Promise<GitHubClient>,
  config: () => Promise<RadarConfig | null>,
): Promise<void> {
  const target = { owner: item.owner, repo: item.repo, issueNumber: item.issueNumber };
  const ours = `${event.deliveryId}:`;
  const movements = await listRadarMovementsByItem(deps.pool, item.id);
  for (const movement of movements) {
    if (!movement.idempotencyKey.startsWith(ours) || movement.announcementCommentId !== null) continue;
    if (!isAnnouncedMove(movement)) continue;
    const commentId = await announceRadarMove(await octokit(), target, movement);
    await setRadarMovementAnnounced(deps.pool, movement.id, commentId);
  }
  if (item.problem === null || item.problem === item.announcedProblem) return;
  const radar = await config();
  if (!radar) return;
  await explainProblem(await octokit(), radar, { ...item, problem: item.problem });
  await setRadarItemAnnouncedProblem(deps.pool, item.id, item.problem);
}
