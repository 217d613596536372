import { displayName } from "./display-name.js";
import { layoutRadar, type RadarDrawing } from "./layout-radar.js";
import { movedSinceReview, type Moved } from "./moved-since-review.js";
import type { RadarSnapshot, RadarSnapshotExperiment } from "./radar-snapshot.js";

/** Everything `templates/radar/radar-page.html.hbs` shows. */
export interface RadarPageContext {
  repo: string;
  lastReview: { number: number; url: string; createdAt: Date } | null;
  drawing: RadarDrawing;
  /** The rings to paint, widest first, so each lies on top of the wider ones. */
  ringsOutermostFirst: RadarDrawing["rings"];
  /** The legend of the blip shapes, each with the shape drawn at (12, 12) of a 24×24 box. */
  shapes: Array<{ label: string; path: string }>;
  /** The same radar as a table: each quadrant's rings with the numbered items in them. */
  quadrants: Array<{ label: string; color: string; rings: Array<{ label: string; blips: Array<{ index: number; title: string; issueNumber: number; moved: string }> }> }>;
  /** Every item that is or was on the radar (gone ones left out), active first, by blip number, then by title. */
  items: RadarPageItem[];
  /** The API's exports of the same data, by format. */
  exports: Array<{ label: string; href: string }>;
}

export interface RadarPageItem {
  number: number;
  title: string;
  url: string;
  /** The blip's number on the drawing; null when the item is not drawn (pending, retired). */
  index: number | null;
  ring: string;
  quadrant: string;
  status: string;
  /** "moved in", "moved out", "new" since the last review, or "" for no change. */
  moved: string;
  history: Array<{ movedAt: Date; change: string; actor: string | null; reason: string | null }>;
  trends: Array<{ number: number; title: string; url: string; direction: string }>;
  experiments: RadarSnapshotExperiment[];
}

const MOVED: Record<NonNullable<Moved>, string> = { in: "moved in", out: "moved out", new: "new" };

/**
 * The radar page of a snapshot. `apiBase` is where the API's exports are (the public URL, or "" for links
 * relative to the site); the formats are the API's own, so the page links exactly what the API serves.
 */
export function buildRadarPage(
  snapshot: RadarSnapshot,
  { apiBase, radarFormats, trendFormats }: { apiBase: string; radarFormats: readonly string[]; trendFormats: readonly string[] },
): RadarPageContext {
  const drawing = layoutRadar(snapshot);
  const blipOf = new Map(drawing.blips.map((b) => [b.issueNumber, b]));
  const trendOf = new Map(snapshot.trends.map((t) => [t.number, t]));
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  const path = `${encodeURIComponent(snapshot.repo.owner)}/${encodeURIComponent(snapshot.repo.repo)}`;
  const shown = (value: string | null) => (value === null ? "—" : displayName(value));

  const items = snapshot.items
    .filter((item) => item.status !== "gone")
    .map((item) => {
      const moved = movedSinceReview(item, snapshot.rings, reviewedAt);
      return {
        number: item.number,
        title: item.title,
        url: item.url,
        index: blipOf.get(item.number)?.index ?? null,
        ring: shown(item.ring),
        quadrant: shown(item.quadrant),
        status: item.status,
        moved: moved ? MOVED[moved] : "",
        history: [...item.movements]
          .reverse()
          .map((m) => ({ movedAt: m.movedAt, change: `${displayName(m.field)}: ${shown(m.from)} → ${shown(m.to)}`, actor: m.actor, reason: m.reason })),
        trends: item.trends.flatMap((n) => {
          const trend = trendOf.get(n);
          return trend ? [{ number: n, title: trend.title, url: trend.url, direction: [trend.trend, trend.impact && `${trend.impact} impact`].filter(Boolean).join(", ") }] : [];
        }),
        experiments: item.experiments,
      };
    })
    .sort((a, b) => (a.index ?? Infinity) - (b.index ?? Infinity) || a.title.localeCompare(b.title, "en") || a.number - b.number);

  return {
    repo: `${snapshot.repo.owner}/${snapshot.repo.repo}`,
    lastReview: snapshot.lastReview,
    drawing,
    ringsOutermostFirst: [...drawing.rings].reverse(),
    shapes: [
      { label: "no change", path: "M2,12 a10,10 0 1,0 20,0 a10,10 0 1,0 -20,0 Z" },
      { label: `moved in (toward ${displayName(snapshot.rings[0] ?? "the centre")})`, path: "M12,0 L23,20 L1,20 Z" },
      { label: "moved out", path: "M12,24 L23,4 L1,4 Z" },
      { label: "new since the last review", path: "M12,0 L14.5,8.5 L23,8.5 L16,13.5 L18.5,22 L12,17 L5.5,22 L8,13.5 L1,8.5 L9.5,8.5 Z" },
    ],
    quadrants: drawing.quadrants.map((quadrant) => ({
      label: quadrant.label,
      color: quadrant.color,
      rings: drawing.rings.map((ring) => ({
        label: ring.label,
        blips: drawing.blips
          .filter((b) => b.quadrant === quadrant.name && b.ring === ring.name)
          .map((b) => ({ index: b.index, title: b.title, issueNumber: b.issueNumber, moved: b.moved ? MOVED[b.moved] : "" })),
      })),
    })),
    items,
    exports: [
      ...radarFormats.map((format) => ({ label: `Radar as ${format}`, href: `${apiBase}/api/radar/${path}?format=${encodeURIComponent(format)}` })),
      ...trendFormats.map((format) => ({ label: `Market trends as ${format}`, href: `${apiBase}/api/trends/${path}?format=${encodeURIComponent(format)}` })),
    ],
  };
}
