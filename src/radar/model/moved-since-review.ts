import type { RadarSnapshotItem, RadarSnapshotMovement } from "./radar-snapshot.js";

/** How an item moved relative to the last review: toward the inner ring, outward, newly on the radar, or not. */
export type Moved = "in" | "out" | "new" | null;

/**
 * Where an item stands now compared with the moment of the last review. "new": it was not on the radar then
 * (created later, still pending, or retired then). No review yet: there is nothing to compare with, and an
 * item off the radar now (pending, retired) has no place to have moved to: both null.
 */
export function movedSinceReview(item: RadarSnapshotItem, rings: readonly string[], reviewedAt: Date | null): Moved {
  if (reviewedAt === null || item.status !== "active") return null;
  if (item.createdAt > reviewedAt) return "new";
  const statusThen = valueAt(item.movements, "status", item.status, reviewedAt);
  const ringThen = valueAt(item.movements, "ring", item.ring, reviewedAt);
  if (statusThen !== "active" || ringThen === null) return "new";
  const then = rings.indexOf(ringThen);
  const now = item.ring === null ? -1 : rings.indexOf(item.ring);
  if (then < 0 || now < 0 || then === now) return null;
  return now < then ? "in" : "out";
}

/**
 * A field's value at `at`: the target of the last change up to then, else the origin of the first change after
 * it, else (never changed) its value now.
 */
export function valueAt(
  movements: readonly RadarSnapshotMovement[],
  field: RadarSnapshotMovement["field"],
  current: string | null,
  at: Date,
): string | null {
  const changes = movements.filter((m) => m.field === field);
  const before = changes.filter((m) => m.movedAt <= at);
  if (before.length > 0) return before[before.length - 1]!.to;
  return changes[0] ? changes[0].from : current;
}
