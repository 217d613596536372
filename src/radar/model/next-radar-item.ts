import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import { itemIdentity, type NewRadarItem, type RadarItem, type RadarItemStatus, type RadarMovementField, type RadarMovementSource } from "./radar-item.js";
import { planLabelMove } from "./plan-label-move.js";
import type { RadarIssueEvent } from "../radar-issue-event.js";
import { readRadarLabels } from "./read-radar-labels.js";
import { hasLabel } from "./has-label.js";

/** One field's change, before it is stored as a movement. */
export interface RadarChange {
  field: RadarMovementField;
  from: string | null;
  to: string | null;
  source: RadarMovementSource;
}

/** What an event does to a radar item: its new state, what changed, and the labels the bot removes. */
export interface RadarItemUpdate {
  item: NewRadarItem;
  changes: RadarChange[];
  removeLabels: string[];
}

/**
 * The next state of the radar item for an issue event, from the stored item (null when there is none yet); null
 * when the event changes nothing the radar keeps. Bad labels never overwrite a valid placement: the item keeps
 * its last ring and quadrant (a new item stays pending) and `problem` says what to fix.
 */
export function nextRadarItem(config: RadarConfig, event: RadarIssueEvent, stored: RadarItem | null): RadarItemUpdate | null {
  const { issue } = event;
  const current = stored?.kind === "radar" ? stored : null;
  const at = new Date(event.at);
  const leaves = event.action === "deleted" || event.action === "transferred";
  // Webhooks can arrive out of order: an event older than the state stored would roll the item back.
  if (!leaves && current?.syncedAt && at < current.syncedAt) return null;

  if (leaves || !hasLabel(issue.labels, config.label)) {
    // Off the radar: the issue left this repository or lost the radar label. History stays with the item.
    if (!current || current.status === "gone") return null;
    const source = event.action === "deleted" ? "delete" : event.action === "transferred" ? "transfer" : "label";
    const item = { ...current, status: "gone" as const, problem: null, syncedAt: at };
    return { item, changes: [{ field: "status", from: current.status, to: "gone", source }], removeLabels: [] };
  }
  if (event.action === "unlabeled" && event.sender.isBot && current && isPlacementLabel(config, event.label)) {
    // The unlabeled event of a label the bot removed itself while moving the item: the move is recorded already.
    return null;
  }

  const placed = { ring: current?.ring ?? null, quadrant: current?.quadrant ?? null };
  const move = planLabelMove(config, issue.labels, event.action === "labeled" ? event.label : null, placed);
  const read = readRadarLabels(config, move.labels);
  const valid = read.problems.length === 0;
  const ring = valid ? read.ring : placed.ring;
  const quadrant = valid ? read.quadrant : placed.quadrant;
  const everValid = ring !== null;
  const status: RadarItemStatus = !everValid ? "pending" : issue.state === "closed" ? "retired" : "active";

  const item: NewRadarItem = {
    ...itemIdentity(event, "radar"),
    ring,
    quadrant,
    trend: null,
    impact: null,
    status,
    // A closed issue is off the radar: nothing to nag about until it is reopened.
    problem: valid || issue.state === "closed" ? null : read.problems.join("\n"),
    announcedProblem: current?.announcedProblem ?? null,
    syncedAt: at,
  };
  const statusSource: RadarMovementSource = event.action === "closed" ? "close" : event.action === "reopened" ? "reopen" : "label";
  const changes = ([
    { field: "ring", from: placed.ring, to: ring, source: "label" },
    { field: "quadrant", from: placed.quadrant, to: quadrant, source: "label" },
    { field: "status", from: current?.status ?? "pending", to: status, source: statusSource },
  ] satisfies RadarChange[]).filter((change) => change.from !== change.to);
  return { item, changes, removeLabels: valid ? move.remove : [] };
}

function isPlacementLabel(config: RadarConfig, label: string | null): boolean {
  if (label === null) return false;
  const lower = label.toLowerCase();
  return lower.startsWith(config.ring_prefix.toLowerCase()) || lower.startsWith(config.quadrant_prefix.toLowerCase());
}

/** Whether a movement is announced on the issue: a ring or quadrant leaving a place it had (not a first placement). */
export function isAnnouncedMove(change: Pick<RadarChange, "field" | "from" | "to">): boolean {
  return change.field !== "status" && change.from !== null && change.to !== null;
}
