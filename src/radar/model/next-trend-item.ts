import type { RadarConfig } from "../../config/schema/kaizen-config.js";
import { itemIdentity, type NewRadarItem, type RadarItem, type RadarItemStatus, type RadarMovementSource } from "./radar-item.js";
import { parseIssueMentions } from "./parse-issue-mentions.js";
import type { RadarIssueEvent } from "../radar-issue-event.js";
import { readTrendLabels } from "./read-trend-labels.js";

/** What an event does to a trend item: its new state, its status change, and the issues its body mentions. */
export interface TrendItemUpdate {
  item: NewRadarItem;
  statusChange: { from: RadarItemStatus; to: RadarItemStatus; source: RadarMovementSource } | null;
  /** Issue numbers the body mentions (itself left out); readers keep those that are radar items. */
  mentions: number[];
}

/**
 * The next state of the trend item for an issue event, from the stored item (null when there is none yet); null
 * when the issue is not a trend and never was. Like radar items, bad labels never overwrite valid ones: the
 * trend keeps its last direction and impact (a new one stays pending) and `problem` says what to fix.
 */
export function nextTrendItem(config: RadarConfig, event: RadarIssueEvent, stored: RadarItem | null): TrendItemUpdate | null {
  const { issue } = event;
  const current = stored?.kind === "trend" ? stored : null;
  const labelled = issue.labels.some((label) => label.toLowerCase() === config.trend_label.toLowerCase());
  const at = new Date(event.at);
  const leaves = event.action === "deleted" || event.action === "transferred";
  // Webhooks can arrive out of order: an event older than the state stored would roll the trend back.
  if (!leaves && current?.syncedAt && at < current.syncedAt) return null;

  if (leaves || !labelled) {
    if (!current || current.status === "gone") return null;
    const source = event.action === "deleted" ? "delete" : event.action === "transferred" ? "transfer" : "label";
    const item = { ...current, status: "gone" as const, problem: null, syncedAt: at };
    return { item, statusChange: { from: current.status, to: "gone", source }, mentions: [] };
  }

  const read = readTrendLabels(config, issue.labels);
  const valid = read.problems.length === 0;
  const trend = valid ? read.trend : (current?.trend ?? null);
  const impact = valid ? read.impact : (current?.impact ?? null);
  const status: RadarItemStatus = trend === null ? "pending" : issue.state === "closed" ? "retired" : "active";
  const from = current?.status ?? "pending";
  const source = event.action === "closed" ? "close" : event.action === "reopened" ? "reopen" : "label";
  const item: NewRadarItem = {
    ...itemIdentity(event, "trend"),
    ring: null,
    quadrant: null,
    trend,
    impact,
    status,
    // A closed issue is off the radar: nothing to nag about until it is reopened.
    problem: valid || issue.state === "closed" ? null : read.problems.join("\n"),
    announcedProblem: current?.announcedProblem ?? null,
    syncedAt: at,
  };
  const mentions = parseIssueMentions(issue.body).filter((number) => number !== issue.number);
  return { item, statusChange: from === status ? null : { from, to: status, source }, mentions };
}
