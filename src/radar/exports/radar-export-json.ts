import { movedSinceReview, type Moved } from "../model/moved-since-review.js";
import type { RadarSnapshot, RadarSnapshotItem, RadarSnapshotMovement } from "../model/radar-snapshot.js";

/** `GET /api/radar/{owner}/{repo}` (format json): every item, whatever its status, with its whole history. */
export interface RadarJson {
  repo: string;
  rings: string[];
  quadrants: string[];
  lastReview: { number: number; url: string; createdAt: string } | null;
  items: Array<
    Pick<RadarSnapshotItem, "number" | "title" | "description" | "url" | "ring" | "quadrant" | "status" | "thumbsUp" | "trends" | "experiments"> & {
      /** Relative to the last review; null when it did not move or there is no review yet. */
      moved: Moved;
      history: Array<Omit<RadarSnapshotMovement, "movedAt"> & { movedAt: string }>;
    }
  >;
}

export function radarExportJson(snapshot: RadarSnapshot): RadarJson {
  const reviewedAt = snapshot.lastReview?.createdAt ?? null;
  return {
    repo: `${snapshot.repo.owner}/${snapshot.repo.repo}`,
    rings: [...snapshot.rings],
    quadrants: [...snapshot.quadrants],
    lastReview: snapshot.lastReview && { ...snapshot.lastReview, createdAt: snapshot.lastReview.createdAt.toISOString() },
    items: snapshot.items.map((item) => ({
      number: item.number,
      title: item.title,
      description: item.description,
      url: item.url,
      ring: item.ring,
      quadrant: item.quadrant,
      status: item.status,
      moved: movedSinceReview(item, snapshot.rings, reviewedAt),
      thumbsUp: item.thumbsUp,
      trends: item.trends,
      experiments: item.experiments,
      history: item.movements.map((m) => ({ ...m, movedAt: m.movedAt.toISOString() })),
    })),
  };
}
