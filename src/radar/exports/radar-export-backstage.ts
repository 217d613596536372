import { displayName } from "../model/display-name.js";
import { ExportNotPossible } from "./export-not-possible.js";
import { onTheRadar } from "../model/on-the-radar.js";
import type { RadarSnapshot, RadarSnapshotItem } from "../model/radar-snapshot.js";
import { ringColor } from "./ring-color.js";

/** Backstage tech-radar's `TechRadarLoaderResponse`, dates as ISO strings (its JSON form). */
export interface BackstageRadar {
  quadrants: Array<{ id: string; name: string }>;
  rings: Array<{ id: string; name: string; color: string }>;
  entries: Array<{
    id: string;
    key: string;
    title: string;
    quadrant: string;
    description: string;
    /** Deprecated in Backstage in favour of `links`, still read by older plugin versions: both are written. */
    url: string;
    links: Array<{ url: string; title: string }>;
    /** Newest first; moved 1 = toward the first ring (Backstage's "up"). */
    timeline: Array<{ moved: -1 | 0 | 1; ringId: string; date: string; description: string }>;
  }>;
}

// The plugin draws quadrants in fixed 90° sections.
const MAX_QUADRANTS = 4;

/** Active items as Backstage tech-radar entries, each with its ring history as the timeline. */
export function radarExportBackstage(snapshot: RadarSnapshot): BackstageRadar {
  const { rings, quadrants } = snapshot;
  if (quadrants.length > MAX_QUADRANTS) {
    throw new ExportNotPossible(
      `the backstage format draws at most ${MAX_QUADRANTS} quadrants; this radar has ${quadrants.length}`,
    );
  }
  return {
    quadrants: quadrants.map((id) => ({ id, name: displayName(id) })),
    rings: rings.map((id, index) => ({ id, name: displayName(id).toUpperCase(), color: ringColor(index) })),
    entries: onTheRadar(snapshot.items, rings, quadrants).map((item) => {
      const key = `${item.number}`;
      return {
        id: key,
        key,
        title: item.title,
        quadrant: item.quadrant,
        description: item.description,
        url: item.url,
        links: [{ url: item.url, title: `Issue #${item.number}` }],
        timeline: timeline(item, rings),
      };
    }),
  };
}

/** The placement, then one snapshot per ring move into a known ring. */
function timeline(item: RadarSnapshotItem & { ring: string }, rings: readonly string[]): BackstageRadar["entries"][number]["timeline"] {
  const moves = item.movements.filter((m) => m.field === "ring" && m.to !== null && rings.includes(m.to));
  const snapshots: BackstageRadar["entries"][number]["timeline"] = [];
  if (moves.length === 0 || moves[0]!.from !== null) {
    const first = moves[0]?.from ?? item.ring;
    snapshots.push({ moved: 0, ringId: rings.includes(first) ? first : item.ring, date: item.createdAt.toISOString(), description: "Placed on the radar" });
  }
  for (const move of moves) {
    const from = move.from === null ? -1 : rings.indexOf(move.from);
    const to = rings.indexOf(move.to!);
    const by = move.actor ? ` by @${move.actor}` : "";
    const what = move.from === null ? `Placed in ${displayName(move.to!)}${by}` : `Moved ${displayName(move.from)} → ${displayName(move.to!)}${by}`;
    snapshots.push({
      moved: from < 0 ? 0 : to < from ? 1 : to > from ? -1 : 0,
      ringId: move.to!,
      date: move.movedAt.toISOString(),
      description: move.reason ? `${what}: ${move.reason}` : what,
    });
  }
  return snapshots.reverse();
}
