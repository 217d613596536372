import type { GitHubClient } from "./github-client.js";

/** Adds a comment to an issue (a new one each time: evidence and recovery notes are a history, not sticky). */
export async function commentOnIssue(
  octokit: GitHubClient,
  comment: { owner: string; repo: string; issueNumber: number; body: string },
): Promise<{ id: number; url: string }> {
  const { data } = await octokit.rest.issues.createComment({
    owner: comment.owner,
    repo: comment.repo,
    issue_number: comment.issueNumber,
    body: comment.body,
  });
  return { id: data.id, url: data.html_url };
}
