/** A ring or quadrant change made with labels, announced on the issue (templates/radar-moved.md.hbs). */
export interface RadarMovedContext {
  marker: string;
  /** "ring" or "quadrant". */
  field: string;
  /** Names as people read them ("Assess"). */
  from: string;
  to: string;
  /** Who added the label; null when unknown. */
  actor: string | null;
}

/** Why the labels of a radar item cannot be used, and how to fix them (templates/radar-problem.md.hbs). */
export interface RadarProblemContext {
  marker: string;
  /** One sentence per problem, each saying how to fix it. */
  problems: string[];
  /** The state the item keeps meanwhile: its ring and quadrant as people read them; null for a new item. */
  kept: { ring: string; quadrant: string } | null;
  /** Example labels of a valid item, like `ring:assess` and `quadrant:tools`. */
  example: { ring: string; quadrant: string };
}
