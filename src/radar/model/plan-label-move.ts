import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import { valueOf } from "./read-prefixed-label.js";

/** The labels to read the item from, and the labels the bot removes from the issue to match. */
export interface LabelMove {
  labels: string[];
  remove: string[];
}

/**
 * GitHub has no "replace label": people move an item by adding the new ring (or quadrant) label. So when the
 * label just added names a known ring other than the item's current one — and the item has one — the added label
 * wins and the other known ring labels are to be removed; quadrants alike. Anything else (a first
 * placement, an unknown name, a label added again) changes nothing here and is judged as the labels stand.
 */
export function planLabelMove(
  config: RadarConfig,
  labels: readonly string[],
  added: string | null,
  current: { ring: string | null; quadrant: string | null },
): LabelMove {
  const kinds = [
    { prefix: config.ring_prefix, values: config.rings, current: current.ring },
    { prefix: config.quadrant_prefix, values: config.quadrants, current: current.quadrant },
  ];
  const remove: string[] = [];
  for (const kind of kinds) {
    const value = added === null ? null : valueOf(added, kind.prefix, kind.values);
    if (value === null || kind.current === null || value === kind.current) continue;
    remove.push(...labels.filter((label) => label !== added && valueOf(label, kind.prefix, kind.values) !== null));
  }
  return { labels: labels.filter((label) => !remove.includes(label)), remove };
}
