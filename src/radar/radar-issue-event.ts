import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import { toRadarIssue, type RadarIssue } from "./model/radar-issue.js";

export const RADAR_ISSUE_ACTIONS = [
  "opened",
  "edited",
  "labeled",
  "unlabeled",
  "closed",
  "reopened",
  "transferred",
  "deleted",
] as const;
export type RadarIssueAction = (typeof RADAR_ISSUE_ACTIONS)[number];

/**
 * An `issues` webhook reduced to what syncing a radar or trend item needs: small enough to be a job's data,
 * and the input R2's syncTrendItem takes too.
 */
export interface RadarIssueEvent {
  /** The webhook delivery id: a redelivery carries the same one, and movements are keyed by it. */
  deliveryId: string;
  action: RadarIssueAction;
  installationId: number;
  repoId: number;
  owner: string;
  repo: string;
  issue: RadarIssue;
  /** The label added or removed (labeled, unlabeled); null for other actions. */
  label: string | null;
  sender: { login: string; isBot: boolean };
  /** When it happened: the issue's `updated_at` (webhooks carry no event time of their own). */
  at: string;
}

type IssuesPayload = Context<"issues">["payload"];

export function isRadarIssueAction(action: string): action is RadarIssueAction {
  return (RADAR_ISSUE_ACTIONS as readonly string[]).includes(action);
}

/** The radar's view of an `issues` webhook; null for actions the radar ignores or without an installation. */
export function toRadarIssueEvent(payload: IssuesPayload, deliveryId: string): RadarIssueEvent | null {
  const { action, issue, repository, sender, installation } = payload;
  if (!isRadarIssueAction(action) || !installation) return null;
  const label = "label" in payload ? (payload.label?.name ?? null) : null;
  return {
    deliveryId,
    action,
    ...installedRepo(installation, repository),
    issue: toRadarIssue(issue),
    label,
    // The app's own label removals arrive as `<slug>[bot]` of type Bot; so do other apps': the job asks which.
    sender: { login: sender?.login ?? "ghost", isBot: sender?.type === "Bot" && (sender.login ?? "").endsWith("[bot]") },
    at: issue.updated_at,
  };
}
