/** What the radar needs of an issue, as the event showed it. */
export interface RadarIssue {
  number: number;
  title: string;
  body: string;
  url: string;
  state: "open" | "closed";
  labels: string[];
  thumbsUp: number;
}

/** The fields of a GitHub issue, as webhooks and the REST list both carry them, that the radar reads. */
export interface GitHubIssueFields {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  state?: string;
  labels?: Array<string | { name?: string } | null>;
  reactions?: { "+1"?: number };
}

/** A GitHub issue reduced to what syncing a radar or trend item needs, whichever API it came from. */
export function toRadarIssue(issue: GitHubIssueFields): RadarIssue {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    url: issue.html_url,
    state: issue.state === "closed" ? "closed" : "open",
    labels: (issue.labels ?? []).flatMap((label) =>
      typeof label === "string" ? [label] : label?.name ? [label.name] : [],
    ),
    thumbsUp: issue.reactions?.["+1"] ?? 0,
  };
}
