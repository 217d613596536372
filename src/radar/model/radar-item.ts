import type { RadarIssueEvent } from "../radar-issue-event.js";

/*
 * The radar's domain types: items, their movements, reviews and trend links, as the model reasons about them and
 * the store reads and writes them.
 */

export type RadarItemKind = "radar" | "trend";

/** pending: never valid yet; active: on the radar; retired: issue closed; gone: deleted, transferred or unlabelled. */
export type RadarItemStatus = "pending" | "active" | "retired" | "gone";

/** What a webhook (or an import) knows about an item; the row adds the bookkeeping. */
export interface NewRadarItem {
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
  issueNumber: number;
  kind: RadarItemKind;
  title: string;
  body: string;
  url: string;
  ring: string | null;
  quadrant: string | null;
  trend: string | null;
  impact: string | null;
  status: RadarItemStatus;
  thumbsUp: number;
  /** What is wrong with the labels now; null when they are valid. */
  problem: string | null;
  /** The last problem explained on the issue. */
  announcedProblem: string | null;
  /** When the issue event this state comes from happened; an older event arriving later is skipped. */
  syncedAt?: Date | null;
}

/** A row of `radar_items`. */
export interface RadarItem extends NewRadarItem {
  id: number;
  syncedAt: Date | null;
  lastReviewedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type RadarMovementField = "ring" | "quadrant" | "status";

export type RadarMovementSource = "label" | "command" | "import" | "close" | "reopen" | "delete" | "transfer";

export interface NewRadarMovement {
  itemId: number;
  field: RadarMovementField;
  from: string | null;
  to: string | null;
  /** GitHub login of who moved it; null for changes the app made on its own. */
  actor: string | null;
  reason: string | null;
  source: RadarMovementSource;
  /** Where it happened: the issue, or the comment with the command. */
  link: string | null;
  movedAt: Date;
  /** Unique per movement, like `<delivery id>:ring` or `comment:<id>`: a retried job records it once. */
  idempotencyKey: string;
}

/** A row of `radar_movements`. */
export interface RadarMovement extends NewRadarMovement {
  id: number;
  announcementCommentId: number | null;
}

/** A movement with the issue number of its item, for lists across a repository. */
export interface RadarRepoMovement extends RadarMovement {
  issueNumber: number;
}

export interface NewRadarReview {
  repoId: number;
  issueNumber: number;
  url: string;
  /** Like `2026-Q1` for a scheduled review (one per period), null for one asked for on demand. */
  period: string | null;
  previousReviewId: number | null;
}

/** A row of `radar_reviews`. */
export interface RadarReview extends NewRadarReview {
  id: number;
  createdAt: Date;
}

/** A trend item's mention of a radar item, by issue numbers within one repository. */
export interface RadarTrendLink {
  trendIssueNumber: number;
  radarIssueNumber: number;
}

/** The fields of an item that come straight from its issue event, whichever kind it is. */
export function itemIdentity(
  event: RadarIssueEvent,
  kind: RadarItemKind,
): Pick<NewRadarItem, "repoId" | "owner" | "repo" | "installationId" | "issueNumber" | "kind" | "title" | "body" | "url" | "thumbsUp"> {
  const { issue } = event;
  return {
    repoId: event.repoId,
    owner: event.owner,
    repo: event.repo,
    installationId: event.installationId,
    issueNumber: issue.number,
    kind,
    title: issue.title,
    body: issue.body,
    url: issue.url,
    thumbsUp: issue.thumbsUp,
  };
}
