import type { RadarIssueEvent } from "./radar-issue-event.js";
import { toRadarIssue, type GitHubIssueFields } from "./model/radar-issue.js";

/** The fields of a REST issue (GET /repos/{owner}/{repo}/issues) an import reads. */
export interface ListedIssue extends GitHubIssueFields {
  state: string;
  created_at: string;
  updated_at: string;
}

/**
 * A listed issue as the event the label sync would have seen for it: an edit (no label added or removed, so no
 * move is planned and no label is removed), dated when the issue last changed. `deliveryId` names the import.
 */
export function importedIssueEvent(
  repo: { installationId: number; repoId: number; owner: string; repo: string },
  issue: ListedIssue,
  deliveryId: string,
): RadarIssueEvent {
  return {
    ...repo,
    deliveryId,
    action: "edited",
    issue: toRadarIssue(issue),
    label: null,
    sender: { login: "ghost", isBot: false },
    at: issue.updated_at,
  };
}
