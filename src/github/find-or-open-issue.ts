import { findOpenIssueByMarker } from "./find-open-issue-by-marker.js";
import type { GitHubClient } from "./github-client.js";
import { openIssue } from "./issues.js";

/**
 * The open issue whose body carries `marker`, else a newly opened one. A retry that comes after GitHub created
 * the issue but before Kaizen recorded it adopts that issue instead of opening a duplicate.
 */
export async function findOrOpenIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; marker: string; title: string; body: string; labels: readonly string[] },
): Promise<{ number: number; url: string }> {
  const { owner, repo, marker } = issue;
  const existing = await findOpenIssueByMarker(octokit, { owner, repo, marker });
  return existing ?? openIssue(octokit, { owner, repo, title: issue.title, body: issue.body, labels: issue.labels });
}
