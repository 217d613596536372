import { displayName } from "../model/display-name.js";
import { ExportNotPossible } from "./export-not-possible.js";
import { movedSinceReview } from "../model/moved-since-review.js";
import { onTheRadar } from "../model/on-the-radar.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";
import { ringColor } from "./ring-color.js";

/** The data part of Zalando's `radar_visualization({...})` config: ring and quadrant indexes, moved −1/0/1. */
export interface ZalandoRadar {
  quadrants: Array<{ name: string }>;
  rings: Array<{ name: string; color: string }>;
  entries: Array<{ quadrant: number; ring: number; label: string; active: boolean; link: string; moved: -1 | 0 | 1 }>;
}

// radar.js lays out exactly four quadrants (and at most four rings).
const MAX_QUADRANTS = 4;
const MAX_RINGS = 4;

/** Active items as Zalando tech-radar entries; moved 1 = moved in (toward the first ring) since the last review. */
export function radarExportZalando(snapshot: RadarSnapshot): ZalandoRadar {
  const { rings, quadrants } = snapshot;
  if (quadrants.length > MAX_QUADRANTS || rings.length > MAX_RINGS) {
    throw new ExportNotPossible(
      `the zalando format draws at most ${MAX_QUADRANTS} quadrants and ${MAX_RINGS} rings; this radar has ${quadrants.length} quadrants and ${rings.length} rings`,
    );
  }
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  return {
    quadrants: quadrants.map((id) => ({ name: displayName(id) })),
    rings: rings.map((id, index) => ({ name: displayName(id).toUpperCase(), color: ringColor(index) })),
    entries: onTheRadar(snapshot.items, rings, quadrants).map((item) => {
      const moved = movedSinceReview(item, rings, reviewedAt);
      return {
        quadrant: quadrants.indexOf(item.quadrant),
        ring: rings.indexOf(item.ring),
        label: item.title,
        active: true,
        link: item.url,
        moved: moved === "in" ? 1 : moved === "out" ? -1 : 0,
      };
    }),
  };
}
