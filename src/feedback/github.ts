import type { GitHubClient } from "../github/github-client.js";

type IssueRef = { owner: string; repo: string; issueNumber: number };

/** Closes an issue as not planned: people said its verdict was a false alarm. Harmless when closed already. */
export async function closeAsNotPlanned(octokit: GitHubClient, { owner, repo, issueNumber }: IssueRef): Promise<void> {
  await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, state: "closed", state_reason: "not_planned" });
}

/** Reopens an issue whose false-alarm mark was undone. Harmless when open already. */
export async function reopenIssue(octokit: GitHubClient, { owner, repo, issueNumber }: IssueRef): Promise<void> {
  await octokit.rest.issues.update({ owner, repo, issue_number: issueNumber, state: "open", state_reason: "reopened" });
}

/** The commits a pull request may have been deployed as: its head, and its merge commit once there is one. */
export async function findPullShas(octokit: GitHubClient, { owner, repo, issueNumber }: IssueRef): Promise<string[]> {
  const { data } = await octokit.rest.pulls.get({ owner, repo, pull_number: issueNumber });
  return [...new Set([data.head.sha, data.merge_commit_sha].filter((sha): sha is string => typeof sha === "string" && sha !== ""))];
}
