import type { Queryable } from "../db/queryable.js";
import { listMentioningExperiments } from "../db/experiment-mentions.js";
import type { RadarItem } from "./model/radar-item.js";
import type { RadarSnapshot } from "./model/radar-snapshot.js";
import { toRadarSnapshot } from "./model/to-radar-snapshot.js";
import { listRadarItems } from "./store/radar-items.js";
import { listRadarMovementsSince } from "./store/radar-movements.js";
import { getLatestRadarReview } from "./store/radar-reviews.js";
import { listTrendLinksToRadarItems } from "./store/radar-trends.js";

/**
 * The snapshot of a radar from the database, given its radar items (read already: they say whether there is a
 * radar at all) and its rings and quadrants: trend items, every movement, trend links, the latest review and the
 * experiments that mention an item.
 */
export async function readRadarSnapshot(
  db: Queryable,
  radarItems: RadarItem[],
  layout: { rings: readonly string[]; quadrants: readonly string[] },
): Promise<RadarSnapshot> {
  const { repoId, owner, repo } = radarItems[0]!;
  const [trendItems, movements, links, latestReview, experiments] = await Promise.all([
    listRadarItems(db, repoId, "trend"),
    listRadarMovementsSince(db, repoId, null),
    listTrendLinksToRadarItems(db, repoId),
    getLatestRadarReview(db, repoId),
    listMentioningExperiments(db, repoId),
  ]);
  return toRadarSnapshot({ owner, repo }, { ...layout, radarItems, trendItems, movements, links, latestReview, experiments });
}
