// Inner to outer: green, teal, yellow, rose (the tech-radar convention), then neutral tones for extra rings.
const PALETTE = ["#5ba300", "#009eb0", "#c7ba00", "#e09b96", "#8e8e8e", "#b38f6a"];

/** The color of the ring at `index` (0 = innermost) in the visual exports. */
export function ringColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
