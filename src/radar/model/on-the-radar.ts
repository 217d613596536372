import type { RadarSnapshotItem } from "./radar-snapshot.js";

/** The items a radar picture shows: active, in a ring and quadrant of the current config. */
export function onTheRadar(
  items: readonly RadarSnapshotItem[],
  rings: readonly string[],
  quadrants: readonly string[],
): Array<RadarSnapshotItem & { ring: string; quadrant: string }> {
  return items.filter(
    (item): item is RadarSnapshotItem & { ring: string; quadrant: string } =>
      item.status === "active" &&
      item.ring !== null &&
      item.quadrant !== null &&
      rings.includes(item.ring) &&
      quadrants.includes(item.quadrant),
  );
}
