import { displayName } from "./display-name.js";
import type { RadarSnapshot, RadarSnapshotExperiment, RadarSnapshotItem } from "./radar-snapshot.js";

/** An item as a review lists it: its issue, by title. */
export interface ReviewItem {
  number: number;
  title: string;
  url: string;
}

/** The experiments that mention an item, so the review shows the evidence behind a move or a proposal. */
export type ReviewExperiments = { experiments: RadarSnapshotExperiment[] };

/** Everything `templates/radar-review.md.hbs` shows. */
export interface RadarReviewContext {
  /** Hidden marker naming the review's period, so a retried job finds the issue it opened. */
  marker: string;
  repo: string;
  previous: { number: number; url: string; createdAt: Date } | null;
  /** Every configured quadrant and ring, in config order, with the active items in each. */
  quadrants: Array<{ name: string; rings: Array<{ name: string; items: ReviewItem[] }> }>;
  /** Movements since the previous review (since the start without one), oldest first. */
  movements: Array<ReviewItem & ReviewExperiments & { change: string; actor: string | null; reason: string | null; movedAt: Date }>;
  staleAfterDays: number;
  /** Active items whose last movement is older than stale_after, longest unreviewed first. */
  stale: Array<ReviewItem & { ring: string; quadrant: string; lastReviewedAt: Date; days: number }>;
  proposalRing: string;
  /** Active items in the proposal ring, most 👍 first. */
  proposals: Array<ReviewItem & ReviewExperiments & { quadrant: string; thumbsUp: number }>;
  /** Active trend items by impact, high first; each with the radar items it names. */
  trendsByImpact: Array<{ impact: string; trends: Array<ReviewItem & { trend: string; radarItems: ReviewItem[] }> }>;
  /** The radar drawn on Kaizen's dashboard; null without KAIZEN_PUBLIC_URL. */
  dashboard: string | null;
}

export interface RadarReviewOptions {
  marker: string;
  now: Date;
  proposalRing: string;
  staleAfterMs: number;
  /** 👍 counts read from GitHub while building the review, by issue number; the stored count where missing. */
  thumbsUp: ReadonlyMap<number, number>;
  /** The radar's dashboard page, when Kaizen has a public URL. */
  dashboard?: string | null;
}

const DAY_MS = 86_400_000;
// Impacts Kaizen knows, most pressing first; any other value sorts after them, unset last.
const IMPACT_ORDER = ["high", "medium", "low"];

/**
 * The review of a radar, as of `now`. An item counts as reviewed when it last moved (ring, quadrant or status),
 * was marked reviewed (`last_reviewed_at`) or, neither, when it was created. Merely being listed in a review issue
 * does not count, or no item would ever go stale between quarterly reviews.
 */
export function buildRadarReview(snapshot: RadarSnapshot, options: RadarReviewOptions): RadarReviewContext {
  const active = snapshot.items.filter((item) => item.status === "active" && item.ring !== null && item.quadrant !== null);
  const since = snapshot.lastReview?.createdAt ?? null;
  const ref = (item: { number: number; title: string; url: string }): ReviewItem => ({ number: item.number, title: item.title, url: item.url });

  const movements = snapshot.items
    .flatMap((item) => item.movements.filter((m) => since === null || m.movedAt > since).map((m) => ({ item, m })))
    .sort((a, b) => a.m.movedAt.getTime() - b.m.movedAt.getTime())
    .map(({ item, m }) => ({
      ...ref(item),
      experiments: item.experiments,
      change: `${displayName(m.field)}: ${m.from === null ? "—" : displayName(m.from)} → ${m.to === null ? "—" : displayName(m.to)}`,
      actor: m.actor,
      reason: m.reason,
      movedAt: m.movedAt,
    }));

  const stale = active
    .map((item) => ({ item, lastReviewedAt: lastReviewed(item) }))
    .filter(({ lastReviewedAt }) => options.now.getTime() - lastReviewedAt.getTime() >= options.staleAfterMs)
    .sort((a, b) => a.lastReviewedAt.getTime() - b.lastReviewedAt.getTime())
    .map(({ item, lastReviewedAt }) => ({
      ...ref(item),
      ring: displayName(item.ring!),
      quadrant: displayName(item.quadrant!),
      lastReviewedAt,
      days: Math.floor((options.now.getTime() - lastReviewedAt.getTime()) / DAY_MS),
    }));

  const proposals = active
    .filter((item) => item.ring === options.proposalRing)
    .map((item) => ({ ...ref(item), experiments: item.experiments, quadrant: displayName(item.quadrant!), thumbsUp: options.thumbsUp.get(item.number) ?? item.thumbsUp }))
    .sort((a, b) => b.thumbsUp - a.thumbsUp || a.number - b.number);

  const byNumber = new Map(snapshot.items.map((item) => [item.number, item]));
  const trends = snapshot.trends.filter((t) => t.status === "active");
  const impacts = [...new Set(trends.map((t) => t.impact ?? "unset"))].sort((a, b) => impactRank(a) - impactRank(b));

  return {
    marker: options.marker,
    dashboard: options.dashboard ?? null,
    repo: `${snapshot.repo.owner}/${snapshot.repo.repo}`,
    previous: snapshot.lastReview,
    quadrants: snapshot.quadrants.map((quadrant) => ({
      name: displayName(quadrant),
      rings: snapshot.rings.map((ring) => ({
        name: displayName(ring),
        items: active.filter((item) => item.quadrant === quadrant && item.ring === ring).map(ref),
      })),
    })),
    movements,
    staleAfterDays: Math.round(options.staleAfterMs / DAY_MS),
    stale,
    proposalRing: displayName(options.proposalRing),
    proposals,
    trendsByImpact: impacts.map((impact) => ({
      impact: displayName(impact),
      trends: trends
        .filter((t) => (t.impact ?? "unset") === impact)
        .map((t) => ({
          ...ref(t),
          trend: t.trend === null ? "—" : displayName(t.trend),
          radarItems: t.radarItems.flatMap((n) => {
            const item = byNumber.get(n);
            return item ? [ref(item)] : [];
          }),
        })),
    })),
  };
}

function lastReviewed(item: RadarSnapshotItem): Date {
  const times = [item.createdAt, ...item.movements.map((m) => m.movedAt), ...(item.lastReviewedAt ? [item.lastReviewedAt] : [])];
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

function impactRank(impact: string): number {
  const index = IMPACT_ORDER.indexOf(impact);
  return index >= 0 ? index : impact === "unset" ? IMPACT_ORDER.length + 1 : IMPACT_ORDER.length;
}
