import { ExportNotPossible } from "./export-not-possible.js";
import { formatCsv } from "../../markdown/format-csv.js";
import { movedSinceReview, type Moved } from "../model/moved-since-review.js";
import { onTheRadar } from "../model/on-the-radar.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";

// Build Your Own Radar throws "More than 4 rings." at a fifth ring name; quadrants beyond its configured ones
// are dropped silently, so only rings can be checked here.
const MAX_RINGS = 4;

/** BYOR's `status` values (it compares them case-insensitively); no review yet reads as no change. */
const STATUS: Record<Exclude<Moved, null>, string> = { new: "New", in: "Moved In", out: "Moved Out" };

/**
 * Thoughtworks Build Your Own Radar CSV (`name,ring,quadrant,isNew,status,description`), the active items only,
 * relative to the last review: `status` is what BYOR draws the move from; `isNew` (TRUE for items new since
 * the review) stays for BYOR versions that read only it. Rings and quadrants are written as their ids.
 */
export function radarExportByorCsv(snapshot: RadarSnapshot): string {
  if (snapshot.rings.length > MAX_RINGS) {
    throw new ExportNotPossible(
      `Build Your Own Radar draws at most ${MAX_RINGS} rings; this radar has ${snapshot.rings.length}`,
    );
  }
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  const rows = onTheRadar(snapshot.items, snapshot.rings, snapshot.quadrants).map((item) => {
    const moved = movedSinceReview(item, snapshot.rings, reviewedAt);
    return [
      item.title,
      item.ring,
      item.quadrant,
      moved === "new" ? "TRUE" : "FALSE",
      moved === null ? "No Change" : STATUS[moved],
      item.description,
    ];
  });
  return formatCsv(["name", "ring", "quadrant", "isNew", "status", "description"], rows);
}
