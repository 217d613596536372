import { displayName } from "../model/display-name.js";
import { ExportNotPossible } from "./export-not-possible.js";
import { movedSinceReview, type Moved } from "../model/moved-since-review.js";
import { onTheRadar } from "../model/on-the-radar.js";
import type { RadarSnapshot } from "../model/radar-snapshot.js";
import { ringColor } from "./ring-color.js";

/**
 * The data part of Zalando's `radar_visualization({...})` config: exactly four quadrants and four rings, entries
 * by index, `moved` as its legend reads it (1 ▲ in, −1 ▼ out, 2 ★ new, 0 ⬤ no change).
 */
export interface ZalandoRadar {
  quadrants: Array<{ name: string }>;
  rings: Array<{ name: string; color: string }>;
  entries: Array<{ quadrant: number; ring: number; label: string; active: boolean; link: string; moved: -1 | 0 | 1 | 2 }>;
}

// radar.js indexes quadrants 0–3 and rings 0–3 unconditionally (layout, legend, `rings[3].radius`): fewer of
// either makes it read `.name` of undefined and draw nothing, so a smaller radar is padded and a larger refused.
const SIZE = 4;
const ZALANDO_UNUSED_RING = "(no ring)";
const ZALANDO_UNUSED_QUADRANT = "(no quadrant)";
const UNUSED_COLOR = "#dddddd";

const ZALANDO_MOVED: Record<Exclude<Moved, null>, 1 | -1 | 2> = { in: 1, out: -1, new: 2 };

/**
 * Active items as Zalando tech-radar entries, relative to the last review. A radar with fewer than four rings or
 * quadrants is padded with empty, visibly unused ones (outermost ring, last quadrant) so every real item keeps
 * its index and the viewer draws; more than four cannot be drawn and is refused.
 */
export function radarExportZalando(snapshot: RadarSnapshot): ZalandoRadar {
  const { rings, quadrants } = snapshot;
  if (quadrants.length > SIZE || rings.length > SIZE) {
    throw new ExportNotPossible(
      `the zalando viewer draws exactly ${SIZE} quadrants and ${SIZE} rings; this radar has ${quadrants.length} quadrants and ${rings.length} rings (a smaller radar is padded, a larger one cannot be drawn)`,
    );
  }
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  return {
    quadrants: pad(quadrants.map((id) => ({ name: displayName(id) })), { name: ZALANDO_UNUSED_QUADRANT }),
    rings: pad(
      rings.map((id, index) => ({ name: displayName(id).toUpperCase(), color: ringColor(index) })),
      { name: ZALANDO_UNUSED_RING, color: UNUSED_COLOR },
    ),
    entries: onTheRadar(snapshot.items, rings, quadrants).map((item) => {
      const moved = movedSinceReview(item, rings, reviewedAt);
      return {
        quadrant: quadrants.indexOf(item.quadrant),
        ring: rings.indexOf(item.ring),
        label: item.title,
        active: true,
        link: item.url,
        moved: moved === null ? 0 : ZALANDO_MOVED[moved],
      };
    }),
  };
}

function pad<T>(list: T[], filler: T): T[] {
  return [...list, ...Array.from({ length: SIZE - list.length }, () => ({ ...filler }))];
}
