import type { RadarItem } from "./radar-item.js";
import type { RadarRepoMovement } from "./radar-item.js";
import type { RadarReview } from "./radar-item.js";
import type { RadarTrendLink } from "./radar-item.js";
import type { RadarSnapshot, RadarSnapshotExperiment } from "./radar-snapshot.js";

export interface RadarRows {
  rings: readonly string[];
  quadrants: readonly string[];
  radarItems: RadarItem[];
  trendItems: RadarItem[];
  movements: RadarRepoMovement[];
  links: RadarTrendLink[];
  latestReview: RadarReview | null;
  /** Valid experiments with the issue each mentions (one row per mention). */
  experiments: Array<Omit<RadarSnapshotExperiment, "url" | "number"> & { issueNumber: number; mentionedIssue: number }>;
}

/**
 * The stored rows of one repository's radar as a snapshot for the exports and the review. Items that left the
 * radar (`gone`: the issue was deleted, transferred, or lost the radar label) are left out: a transferred issue
 * may now live in a repository the reader cannot see, and a deleted one's text was withdrawn.
 */
export function toRadarSnapshot(repo: { owner: string; repo: string }, rows: RadarRows): RadarSnapshot {
  const movementsOf = groupBy(rows.movements, (m) => m.issueNumber);
  const trendsOf = groupBy(rows.links, (l) => l.radarIssueNumber);
  const radarOf = groupBy(rows.links, (l) => l.trendIssueNumber);
  const experimentsOf = groupBy(rows.experiments, (e) => e.mentionedIssue);
  return {
    repo,
    rings: rows.rings,
    quadrants: rows.quadrants,
    lastReview: rows.latestReview && {
      number: rows.latestReview.issueNumber,
      url: rows.latestReview.url,
      createdAt: rows.latestReview.createdAt,
    },
    items: rows.radarItems.filter((item) => item.status !== "gone").map((item) => ({
      number: item.issueNumber,
      title: item.title,
      description: item.body,
      url: item.url,
      ring: item.ring,
      quadrant: item.quadrant,
      status: item.status,
      thumbsUp: item.thumbsUp,
      createdAt: item.createdAt,
      lastReviewedAt: item.lastReviewedAt,
      movements: (movementsOf.get(item.issueNumber) ?? []).map((m) => ({
        field: m.field,
        from: m.from,
        to: m.to,
        actor: m.actor,
        reason: m.reason,
        movedAt: m.movedAt,
      })),
      trends: (trendsOf.get(item.issueNumber) ?? []).map((l) => l.trendIssueNumber),
      experiments: (experimentsOf.get(item.issueNumber) ?? []).map((e) => ({
        number: e.issueNumber,
        title: e.title,
        url: siblingIssueUrl(item.url, repo, e.issueNumber),
        state: e.state,
      })),
    })),
    trends: rows.trendItems.filter((item) => item.status !== "gone").map((item) => ({
      number: item.issueNumber,
      title: item.title,
      description: item.body,
      url: item.url,
      trend: item.trend,
      impact: item.impact,
      status: item.status,
      createdAt: item.createdAt,
      radarItems: (radarOf.get(item.issueNumber) ?? []).map((l) => l.radarIssueNumber),
    })),
  };
}

/**
 * The web address of another issue of the same repository. The experiments table keeps no URL, so it is built
 * from the item's own issue URL (as GitHub gave it: github.com or an Enterprise host alike).
 */
function siblingIssueUrl(itemUrl: string, repo: { owner: string; repo: string }, issueNumber: number): string {
  if (/\/issues\/\d+$/.test(itemUrl)) return itemUrl.replace(/\d+$/, String(issueNumber));
  return `https://github.com/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.repo)}/issues/${issueNumber}`;
}

function groupBy<T, K>(values: readonly T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const k = key(value);
    groups.set(k, [...(groups.get(k) ?? []), value]);
  }
  return groups;
}
