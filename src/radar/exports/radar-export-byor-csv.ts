import { formatCsv } from "./format-csv.js";
import { movedSinceReview } from "../model/moved-since-review.js";
import { onTheRadar } from "../model/on-the-radar.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";

/**
 * Thoughtworks Build Your Own Radar CSV (`name,ring,quadrant,isNew,description`), the active items only.
 * isNew is TRUE for items that came onto the radar since the last review.
 */
export function radarExportByorCsv(snapshot: RadarSnapshot): string {
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  const rows = onTheRadar(snapshot.items, snapshot.rings, snapshot.quadrants).map((item) => [
    item.title,
    item.ring,
    item.quadrant,
    movedSinceReview(item, snapshot.rings, reviewedAt) === "new" ? "TRUE" : "FALSE",
    item.description,
  ]);
  return formatCsv(["name", "ring", "quadrant", "isNew", "description"], rows);
}
