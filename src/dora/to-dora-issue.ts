import { parseIncidentLinks } from "./model/parse-incident-links.js";
import type { DoraIssue } from "./store/dora-issues.js";

/** An issue as the webhook or the issues API gives it, reduced to what DORA keeps. */
export function toDoraIssue(issue: { number: number; title: string; body?: string | null; html_url: string; labels: string[]; created_at: string; closed_at: string | null }): DoraIssue {
  return {
    number: issue.number,
    title: issue.title,
    url: issue.html_url,
    labels: issue.labels,
    createdAt: new Date(issue.created_at),
    closedAt: issue.closed_at ? new Date(issue.closed_at) : null,
    ...parseIncidentLinks(`${issue.title}\n${issue.body ?? ""}`),
  };
}
