import type { GitHubClient } from "./github-client.js";

/** Closes an issue as completed (the metric recovered); closing an already closed issue is harmless. */
export async function closeIssue(
  octokit: GitHubClient,
  issue: { owner: string; repo: string; issueNumber: number },
): Promise<void> {
  await octokit.rest.issues.update({
    owner: issue.owner,
    repo: issue.repo,
    issue_number: issue.issueNumber,
    state: "closed",
    state_reason: "completed",
  });
}
