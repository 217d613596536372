/** An item as a review lists it: its issue, by title. */
export interface ReviewItem {
  number: number;
  title: string;
  url: string;
}

/** Everything `templates/radar-review.md.hbs` shows. */
export interface RadarReviewContext {
  /** Hidden marker naming the review's period, so a retried job finds the issue it opened. */
  marker: string;
  repo: string;
  previous: { number: number; url: string; createdAt: Date } | null;
  /** Every configured quadrant and ring, in config order, with the active items in each. */
  quadrants: Array<{ name: string; rings: Array<{ name: string; items: ReviewItem[] }> }>;
  /** Movements since the previous review (since the start without one), oldest first. */
  movements: Array<ReviewItem & { change: string; actor: string | null; reason: string | null; movedAt: Date }>;
  staleAfterDays: number;
  /** Active items whose last movement is older than stale_after, longest unreviewed first. */
  stale: Array<ReviewItem & { ring: string; quadrant: string; lastReviewedAt: Date; days: number }>;
  proposalRing: string;
  /** Active items in the proposal ring, most 👍 first. */
  proposals: Array<ReviewItem & { quadrant: string; thumbsUp: number }>;
  /** Active trend items by impact, high first; each with the radar items it names. */
  trendsByImpact: Array<{ impact: string; trends: Array<ReviewItem & { trend: string; radarItems: ReviewItem[] }> }>;
}
