import type { GitHubClient } from "../github/github-client.js";
import { isUnknownCommit, unlessUnknownCommit } from "../github/unless-unknown-commit.js";

/**
 * Whether `sha` contains `ancestor` (the same commit, or `ancestor` behind it), asked of the compare API. A compare
 * GitHub cannot answer (either sha unknown to it, or no common history) shows no containment: the reason comes back
 * for the caller to say, instead of failing its job on every retry.
 */
export async function commitContains(
  octokit: GitHubClient,
  { owner, repo, sha, ancestor }: { owner: string; repo: string; sha: string; ancestor: string },
): Promise<{ contains: boolean; problem?: string }> {
  if (sha === ancestor) return { contains: true };
  const answer = await unlessUnknownCommit(octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${ancestor}...${sha}`, per_page: 1 }));
  if (isUnknownCommit(answer)) return { contains: false, problem: answer.unknownCommit };
  return { contains: answer.data.status === "ahead" || answer.data.status === "identical" };
}

/** Issues a pull request closes as GitHub links them: closing keywords and the issues linked in its sidebar. */
export async function findClosingIssues(octokit: GitHubClient, { owner, repo, pullNumber }: { owner: string; repo: string; pullNumber: number }): Promise<number[]> {
  const result = await octokit.graphql<{ repository: { pullRequest: { closingIssuesReferences: { nodes: Array<{ number: number }> } } | null } }>(
    `query ($owner: String!, $repo: String!, $number: Int!) {
       repository(owner: $owner, name: $repo) { pullRequest(number: $number) { closingIssuesReferences(first: 50) { nodes { number } } } }
     }`,
    { owner, repo, number: pullNumber },
  );
  return result.repository.pullRequest?.closingIssuesReferences.nodes.map((node) => node.number) ?? [];
}

/** Adds a label to an issue (GitHub creates the label when the repository has none of that name). */
export async function addIssueLabel(octokit: GitHubClient, { owner, repo, issueNumber, label }: { owner: string; repo: string; issueNumber: number; label: string }): Promise<void> {
  await octokit.rest.issues.addLabels({ owner, repo, issue_number: issueNumber, labels: [label] });
}
