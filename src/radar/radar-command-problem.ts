import type { RadarConfig } from "../config/kaizen-config.js";
import type { RadarItem } from "../db/radar-items.js";
import { displayName } from "./display-name.js";
import type { RadarCommand } from "./parse-radar-command.js";

const code = (text: string): string => `\`${text}\``;

/**
 * Why a `/radar` comment cannot move the item, as a sentence that follows "@author, " in the reply; null when
 * it can. Access is checked apart (it needs GitHub), and only for commands that would move something.
 */
export function radarCommandProblem(command: RadarCommand, item: RadarItem | null, config: RadarConfig): string | null {
  if (command.kind === "usage") return "I can only move a radar item, given a ring and a reason.";
  if (command.kind === "unknown-ring") return `${code(command.given)} is not a ring of this radar.`;
  if (command.kind === "missing-reason") {
    return `please say why it moves to ${displayName(command.ring)}: write the reason after the ring, so the radar remembers it.`;
  }
  if (!item || item.kind !== "radar" || item.status === "gone") {
    return `this issue is not a radar item: add the ${code(config.label)} label with a ring and a quadrant label first.`;
  }
  if (item.status === "retired") return "this item is retired (its issue is closed): reopen the issue to move it.";
  if (item.status === "pending" || item.ring === null) {
    return "this item is not on the radar yet: fix its labels as explained above, then move it.";
  }
  if (item.ring === command.ring) return `this item is in ${displayName(item.ring)} already, so nothing moved.`;
  return null;
}
