import type { RadarItemStatus } from "./radar-item.js";

/**
 * A repository's radar as the exports and the review read it: plain data, built from the database by
 * loadRadarSnapshot, so every formatter is a pure function of it.
 */
export interface RadarSnapshot {
  repo: { owner: string; repo: string };
  /** Ring names, innermost (adopt) first: the order gives "moved in" and "moved out" their meaning. */
  rings: readonly string[];
  quadrants: readonly string[];
  /** The latest review issue, the baseline for "moved" and "new"; null before the first review. */
  lastReview: { number: number; url: string; createdAt: Date } | null;
  items: RadarSnapshotItem[];
  trends: TrendSnapshotItem[];
}


export interface RadarSnapshotItem {
  number: number;
  title: string;
  description: string;
  url: string;
  ring: string | null;
  quadrant: string | null;
  status: RadarItemStatus;
  thumbsUp: number;
  createdAt: Date;
  /** Set when the team marked the item reviewed without moving it; null otherwise. */
  lastReviewedAt: Date | null;
  /** Oldest first. */
  movements: RadarSnapshotMovement[];
  /** Issue numbers of the trend items that link to this item. */
  trends: number[];
  /** The experiments whose issue mentions this item (`#123`), by issue number: the evidence behind a move. */
  experiments: RadarSnapshotExperiment[];
}

export interface RadarSnapshotExperiment {
  number: number;
  title: string;
  url: string;
  /** `pending` until the experiment's change is deployed and evaluated. */
  state: "pending" | "confirmed" | "refuted" | "inconclusive";
}

export interface RadarSnapshotMovement {
  field: "ring" | "quadrant" | "status";
  from: string | null;
  to: string | null;
  actor: string | null;
  reason: string | null;
  movedAt: Date;
}

export interface TrendSnapshotItem {
  number: number;
  title: string;
  description: string;
  url: string;
  trend: string | null;
  impact: string | null;
  status: RadarItemStatus;
  createdAt: Date;
  /** Issue numbers of the radar items this trend mentions. */
  radarItems: number[];
}
