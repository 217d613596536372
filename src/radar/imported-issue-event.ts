import type { RadarIssueEvent } from "./radar-issue-event.js";

/** The fields of a REST issue (GET /repos/{owner}/{repo}/issues) an import reads. */
export interface ListedIssue {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  state: string;
  labels: Array<string | { name?: string }>;
  reactions?: { "+1"?: number };
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
    issue: {
      number: issue.number,
      title: issue.title,
      body: issue.body ?? "",
      url: issue.html_url,
      state: issue.state === "closed" ? "closed" : "open",
      labels: issue.labels.flatMap((label) => (typeof label === "string" ? [label] : label.name ? [label.name] : [])),
      thumbsUp: issue.reactions?.["+1"] ?? 0,
    },
    label: null,
    sender: { login: "ghost", isBot: false },
    at: issue.updated_at,
  };
}
