import type { GitHubClient } from "../github/github-client.js";

/** Whether `sha` contains `ancestor` (the same commit, or `ancestor` behind it), asked of the compare API. */
export async function commitContains(octokit: GitHubClient, { owner, repo, sha, ancestor }: { owner: string; repo: string; sha: string; ancestor: string }): Promise<boolean> {
  if (sha === ancestor) return true;
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${ancestor}...${sha}`, per_page: 1 });
  return data.status === "ahead" || data.status === "identical";
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
