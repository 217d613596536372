import type { GitHubClient } from "../github/github-client.js";
import { isUnknownCommit, unlessUnknownCommit, type UnknownCommit } from "../github/unless-unknown-commit.js";

type Repo = { owner: string; repo: string };

/**
 * The commits `head` has that `base` has not (the compare API, page by page: it lists at most 250 commits a
 * page and 100 per page asked). A `behind` compare — a rollback — lists none. A compare GitHub cannot answer for
 * its commits (an unknown sha, no common history) comes back as its reason.
 */
export async function listComparedCommits(octokit: GitHubClient, { owner, repo }: Repo, base: string, head: string): Promise<Array<{ sha: string; committedAt: Date }> | UnknownCommit> {
  const commits: Array<{ sha: string; committedAt: Date }> = [];
  for (let page = 1; ; page += 1) {
    const answer = await unlessUnknownCommit(octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 100, page }));
    if (isUnknownCommit(answer)) return answer;
    const { data } = answer;
    for (const commit of data.commits) commits.push({ sha: commit.sha, committedAt: commitTime(commit.commit) });
    if (data.commits.length < 100 || commits.length >= data.ahead_by) return commits;
  }
}

/** Whether the repository has the commit `sha` (a deployed sha a force-push dropped, or never pushed, it has not). */
export async function hasCommit(octokit: GitHubClient, { owner, repo }: Repo, sha: string): Promise<boolean> {
  return !isUnknownCommit(await unlessUnknownCommit(octokit.rest.repos.getCommit({ owner, repo, ref: sha, per_page: 1 })));
}

/** A merged pull request's commits, and its first commit's time. */
export async function listPullCommits(octokit: GitHubClient, { owner, repo }: Repo, pullNumber: number): Promise<{ shas: string[]; firstCommitAt: Date | null }> {
  const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const times = commits.map((c) => commitTime(c.commit).getTime());
  return { shas: commits.map((c) => c.sha), firstCommitAt: times.length > 0 ? new Date(Math.min(...times)) : null };
}

/** When a commit was made: its author's date (a rebase keeps it, where the committer's date moves). */
function commitTime(commit: { author: { date?: string } | null; committer: { date?: string } | null }): Date {
  return new Date(commit.author?.date ?? commit.committer?.date ?? 0);
}
