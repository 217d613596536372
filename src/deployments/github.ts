import type { GitHubClient } from "../github/github-client.js";

export interface PullForSha {
  number: number;
  /** The pull request's page on GitHub. */
  url: string;
  state: "open" | "closed";
}

/** Pull requests whose commits include `sha` (merged ones included), as GitHub associates them. */
export async function findPullsForSha(
  octokit: GitHubClient,
  { owner, repo, sha }: { owner: string; repo: string; sha: string },
): Promise<PullForSha[]> {
  const pulls = await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, {
    owner,
    repo,
    commit_sha: sha,
    per_page: 100,
  });
  return pulls.map((pull) => ({
    number: pull.number,
    url: pull.html_url,
    state: pull.state === "open" ? "open" : "closed",
  }));
}
