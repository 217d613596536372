import { displayName } from "./display-name.js";
import { movedSinceReview, type Moved } from "./moved-since-review.js";
import type { RadarSnapshot, RadarSnapshotItem } from "./radar-snapshot.js";

/** The radar as the dashboard draws it in SVG: every coordinate computed here, so the template only writes them. */
export interface RadarDrawing {
  /** Width and height of the square viewBox; the centre is at half of it. */
  size: number;
  center: number;
  rings: Array<{ name: string; label: string; radius: number; innerRadius: number; fill: string; labelY: number }>;
  quadrants: Array<{ name: string; label: string; color: string; startAngle: number; endAngle: number; divider: { x: number; y: number } }>;
  blips: RadarBlip[];
}

export interface RadarBlip {
  /** The number drawn on the blip (1…n, by quadrant, ring and title), also shown in the item list. */
  index: number;
  issueNumber: number;
  title: string;
  ring: string;
  quadrant: string;
  moved: Moved;
  /** The shape's SVG path around (x, y): a circle for no change, ▲ moved in, ▼ moved out, a star for new. */
  path: string;
  x: number;
  y: number;
  color: string;
  /** What a screen reader says for the blip's link: number, title, ring, quadrant and its move. */
  accessibleName: string;
}

const SIZE = 800;
const CENTER = SIZE / 2;
const RADIUS = 380;
const BLIP = 10;
// Dark enough that the white number on a blip keeps a 4.5:1 contrast (WCAG AA).
const COLORS = ["#1b5e20", "#0d47a1", "#6a1b9a", "#b71c1c", "#004d40", "#8d3a00", "#37474f", "#880e4f"];
const RING_FILLS = ["#e8eef4", "#f1f4f8", "#f7f9fb", "#fcfdfe"];

const MOVED_TEXT: Record<NonNullable<Moved> | "none", string> = { in: "moved in", out: "moved out", new: "new", none: "no change" };

/**
 * Lays out a radar: rings as concentric circles of equal width (innermost first), quadrants as equal sectors
 * clockwise from 12 o'clock, and each active item placed in its cell (the part of its ring inside its quadrant) on
 * a grid of rows and columns sized to the cell, in title order. Deterministic: the same snapshot always gives
 * the same picture, so a blip stays put between page views and a move is visible as a move.
 */
export function layoutRadar(snapshot: RadarSnapshot): RadarDrawing {
  const ringWidth = RADIUS / snapshot.rings.length;
  const sector = (2 * Math.PI) / snapshot.quadrants.length;
  const rings = snapshot.rings.map((name, i) => ({
    name,
    label: displayName(name),
    radius: round(ringWidth * (i + 1)),
    innerRadius: round(ringWidth * i),
    fill: RING_FILLS[Math.min(i, RING_FILLS.length - 1)]!,
    labelY: round(CENTER - ringWidth * i - ringWidth / 2),
  }));
  const quadrants = snapshot.quadrants.map((name, q) => {
    const startAngle = -Math.PI / 2 + q * sector;
    return {
      name,
      label: displayName(name),
      color: COLORS[q % COLORS.length]!,
      startAngle,
      endAngle: startAngle + sector,
      divider: point(RADIUS, startAngle),
    };
  });

  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  const placed = snapshot.items.filter(
    (item) => item.status === "active" && item.ring !== null && item.quadrant !== null && snapshot.rings.includes(item.ring) && snapshot.quadrants.includes(item.quadrant),
  );
  const blips: RadarBlip[] = [];
  for (const [q, quadrant] of quadrants.entries()) {
    for (const [r, ring] of rings.entries()) {
      const cell = placed
        .filter((item) => item.quadrant === quadrant.name && item.ring === ring.name)
        .sort((a, b) => a.title.localeCompare(b.title, "en") || a.number - b.number);
      const spots = cellSpots(cell.length, ringWidth * r, ringWidth * (r + 1), quadrant.startAngle, quadrant.endAngle);
      cell.forEach((item, i) => blips.push(blip(item, blips.length + 1, spots[i]!, COLORS[q % COLORS.length]!, movedSinceReview(item, snapshot.rings, reviewedAt))));
    }
  }
  return { size: SIZE, center: CENTER, rings, quadrants, blips };
}

function blip(item: RadarSnapshotItem, index: number, at: { x: number; y: number }, color: string, moved: Moved): RadarBlip {
  const ring = displayName(item.ring!);
  const quadrant = displayName(item.quadrant!);
  return {
    index,
    issueNumber: item.number,
    title: item.title,
    ring: item.ring!,
    quadrant: item.quadrant!,
    moved,
    path: shape(moved, at.x, at.y),
    x: at.x,
    y: at.y,
    color,
    accessibleName: `${index}. ${item.title}: ${ring}, ${quadrant}, ${MOVED_TEXT[moved ?? "none"]}`,
  };
}

/**
 * `count` points inside the annular sector [r0, r1] × [a0, a1], kept a blip's width from its edges: rows along the
 * radius and columns along the arc, as many rows as keep the spots about as far apart one way as the other.
 */
export function cellSpots(count: number, r0: number, r1: number, a0: number, a1: number): Array<{ x: number; y: number }> {
  if (count === 0) return [];
  const inner = Math.max(r0 + BLIP * 1.5, BLIP * 1.5);
  const outer = Math.max(r1 - BLIP * 1.5, inner);
  const depth = outer - inner;
  const arc = ((inner + outer) / 2) * (a1 - a0);
  const rows = Math.max(1, Math.min(count, Math.round(Math.sqrt((count * depth) / Math.max(arc, 1))) || 1));
  const cols = Math.ceil(count / rows);
  const spots: Array<{ x: number; y: number }> = [];
  for (let i = 0; i < count; i++) {
    const row = i % rows;
    const col = Math.floor(i / rows);
    const radius = inner + (depth * (row + 0.5)) / rows;
    // Keep a blip's width of margin from the quadrant's edges, measured along the arc at this radius.
    const margin = Math.min((BLIP * 1.5) / radius, (a1 - a0) / 4);
    // Odd rows shift half a column, so neighbours in a crowded cell do not line up along the radius.
    const shift = rows > 1 && row % 2 === 1 ? 0.25 : 0;
    const angle = a0 + margin + ((a1 - a0 - 2 * margin) * Math.min(col + 0.5 + shift, cols)) / cols;
    spots.push(point(radius, angle));
  }
  return spots;
}

function shape(moved: Moved, x: number, y: number): string {
  const s = BLIP;
  const f = (n: number) => round(n);
  switch (moved) {
    case "in":
      return `M${f(x)},${f(y - s * 1.2)} L${f(x + s * 1.1)},${f(y + s * 0.8)} L${f(x - s * 1.1)},${f(y + s * 0.8)} Z`;
    case "out":
      return `M${f(x)},${f(y + s * 1.2)} L${f(x + s * 1.1)},${f(y - s * 0.8)} L${f(x - s * 1.1)},${f(y - s * 0.8)} Z`;
    case "new": {
      const points = Array.from({ length: 10 }, (_, i) => {
        const r = i % 2 === 0 ? s * 1.35 : s * 0.7;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        return `${f(x + r * Math.cos(a))},${f(y + r * Math.sin(a))}`;
      });
      return `M${points.join(" L")} Z`;
    }
    default:
      return `M${f(x - s)},${f(y)} a${s},${s} 0 1,0 ${s * 2},0 a${s},${s} 0 1,0 ${-s * 2},0 Z`;
  }
}

function point(radius: number, angle: number): { x: number; y: number } {
  return { x: round(CENTER + radius * Math.cos(angle)), y: round(CENTER + radius * Math.sin(angle)) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
