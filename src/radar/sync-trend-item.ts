import type { AppDeps } from "../app-deps.js";
import type { RadarConfig } from "../config/schema/kaizen-config.js";
import { recordRadarDelivery } from "./store/radar-deliveries.js";
import { setRadarItemAnnouncedProblem, upsertRadarItem } from "./store/radar-items.js";
import { type RadarItem } from "./model/radar-item.js";
import { recordRadarMovement } from "./store/radar-movements.js";
import { replaceRadarTrendLinks } from "./store/radar-trend-links.js";
import { withTransaction } from "../db/with-transaction.js";
import { nextTrendItem } from "./model/next-trend-item.js";
import type { RadarIssueEvent } from "./radar-issue-event.js";
import { explainProblem } from "./explain-problem.js";
import type { GitHubClient } from "../github/github-client.js";

/** What syncRadarItem hands over for an issue that is a market trend (or was one). */
export interface TrendItemInput {
  config: RadarConfig;
  event: RadarIssueEvent;
  /** The stored item of the issue, read under the issue's lock; null when there is none. */
  stored: RadarItem | null;
}

/**
 * Keeps a market trend in step with its issue, for one `issues` webhook not synced before; syncRadarItem calls it
 * under the issue's lock for issues with the trend label (and not the radar label), or stored as trends.
 *
 * 1. analyse — direction and impact from the labels (nextTrendItem): bad labels keep the last valid ones and set
 *    the problem; closing retires the trend, reopening brings it back; losing the label makes it gone.
 * 2. db      — atomically: the item, its status movement (keyed by delivery), its links — the `#123` mentions in
 *    its body, re-read on every event and replacing the old ones — and the delivery.
 * 3. report  — a problem not explained yet, explained once (the radar item's pattern; nothing is announced else).
 */
export async function syncTrendItem(octokit: GitHubClient, deps: AppDeps, { config, event, stored }: TrendItemInput): Promise<void> {
  const update = nextTrendItem(config, event, stored);
  const item = await withTransaction(deps.pool, async (db) => {
    await recordRadarDelivery(db, event.deliveryId);
    if (!update) return null;
    const saved = await upsertRadarItem(db, update.item);
    if (update.statusChange) {
      await recordRadarMovement(db, {
        ...update.statusChange,
        field: "status",
        itemId: saved.id,
        actor: event.sender.login,
        reason: null,
        link: event.issue.url,
        movedAt: new Date(event.at),
        idempotencyKey: `${event.deliveryId}:status`,
      });
    }
    // A gone trend keeps its links: they are history, and readers skip trends that are not active.
    if (saved.status !== "gone") await replaceRadarTrendLinks(db, saved.id, saved.repoId, update.mentions);
    return saved;
  });

  if (!item?.problem || item.problem === item.announcedProblem) return;
  await explainProblem(octokit, config, { ...item, problem: item.problem });
  await setRadarItemAnnouncedProblem(deps.pool, item.id, item.problem);
}
