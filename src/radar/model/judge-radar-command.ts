import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import type { RadarItem } from "./radar-item.js";
import { codeSpan } from "../../markdown/markdown.js";
import { displayName } from "./display-name.js";
import type { RadarCommand } from "./parse-radar-command.js";

/** A `/radar` command judged against the stored item: the move it asks for, or why there is none. */
export type RadarCommandVerdict =
  | { kind: "move"; item: RadarItem; from: string; to: string; reason: string }
  /** `problem` is a sentence that follows "@author, " in the reply. */
  | { kind: "reply"; problem: string };

const code = (text: string): string => codeSpan(text);
const reply = (problem: string): RadarCommandVerdict => ({ kind: "reply", problem });

/**
 * Whether a `/radar` comment can move the item: only an active radar item, to another of the rings, with a
 * reason. Access is checked apart (it needs GitHub), and only for a command that would move something.
 */
export function judgeRadarCommand(command: RadarCommand, item: RadarItem | null, config: RadarConfig): RadarCommandVerdict {
  if (command.kind === "usage") return reply("I can only move a radar item, given a ring and a reason.");
  // The one piece of the author's text in the reply: a code span its own backticks cannot end.
  if (command.kind === "unknown-ring") return reply(`${codeSpan(command.given)} is not a ring of this radar.`);
  if (command.kind === "missing-reason") {
    return reply(`please say why it moves to ${displayName(command.ring)}: write the reason after the ring, so the radar remembers it.`);
  }
  if (!item || item.kind !== "radar" || item.status === "gone") {
    return reply(`this issue is not a radar item: add the ${code(config.label)} label with a ring and a quadrant label first.`);
  }
  if (item.status === "retired") return reply("this item is retired (its issue is closed): reopen the issue to move it.");
  if (item.status === "pending" || item.ring === null) {
    return reply("this item is not on the radar yet: fix its labels as explained above, then move it.");
  }
  if (item.ring === command.ring) return reply(`this item is in ${displayName(item.ring)} already, so nothing moved.`);
  return { kind: "move", item, from: item.ring, to: command.ring, reason: command.reason };
}
