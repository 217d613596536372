import type { BenchmarkRun } from "./store/benchmark-runs.js";
import type { GitHubClient } from "../github/github-client.js";

/** An open pull request whose head is the run's commit. */
export interface RunPull {
  number: number;
  url: string;
  /** The base branch's name. */
  base: string;
}

/**
 * The open pull requests a benchmark run measured the head of, lowest number first. Same-repository heads
 * are found through the commit; a fork's are not (GitHub leaves workflow_run.pull_requests empty for forks and
 * does not associate the fork's commits), so they are looked up by `owner:branch`. Pull requests whose head
 * has moved on since are left out: their own run will report.
 */
export async function findRunPulls(
  octokit: GitHubClient,
  run: Pick<BenchmarkRun, "owner" | "repo" | "headSha" | "headBranch" | "headOwner">,
): Promise<RunPull[]> {
  const { owner, repo } = run;
  const pulls = run.headOwner
    ? await octokit.paginate(octokit.rest.pulls.list, { owner, repo, head: `${run.headOwner}:${run.headBranch}`, state: "open", per_page: 100 })
    : await octokit.paginate(octokit.rest.repos.listPullRequestsAssociatedWithCommit, { owner, repo, commit_sha: run.headSha, per_page: 100 });
  return pulls
    .filter((pull) => pull.state === "open" && pull.head.sha === run.headSha)
    .map((pull) => ({ number: pull.number, url: pull.html_url, base: pull.base.ref }))
    .sort((a, b) => a.number - b.number);
}

/** How `head` relates to `base` in the commit graph, as GitHub's compare API says it. */
export type CommitOrder = "ahead" | "behind" | "identical" | "diverged";

/**
 * Whether `head` is a descendant of `base` ("ahead"), an ancestor ("behind"), the same commit, or on another line.
 * The compare API is the one source of ancestry Kaizen has for every commit: results are stored per sha only for
 * the commits that were benchmarked, and the timestamps of runs say when they finished, not where they sit.
 */
export async function compareCommitOrder(
  octokit: GitHubClient,
  { owner, repo, base, head }: { owner: string; repo: string; base: string; head: string },
): Promise<CommitOrder> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead: `${base}...${head}`, per_page: 1 });
  return data.status;
}

/** How many commits back the drift check follows a branch: ten pages of the commits API. */
export const ANCESTRY_REACH = 1000;

/**
 * `sha` and its ancestors, newest first, page after page of the commits API until every commit of `wanted` has been
 * seen, ANCESTRY_REACH commits were read, or a page ends with a commit committed before `notBefore`: the branch's
 * commit order, which the times results were stored at are not (workflow runs finish in any order). A commit of
 * `wanted` missing from it is not on this line (a force-push left it behind) or lies beyond the reach; the last two
 * stops keep such a commit from costing ten pages on every push.
 */
export async function listAncestry(
  octokit: GitHubClient,
  { owner, repo, sha, wanted, notBefore }: { owner: string; repo: string; sha: string; wanted: ReadonlySet<string>; notBefore: Date },
): Promise<string[]> {
  const line: string[] = [];
  const missing = new Set(wanted);
  for await (const { data } of octokit.paginate.iterator(octokit.rest.repos.listCommits, { owner, repo, sha, per_page: 100 })) {
    for (const commit of data) {
      line.push(commit.sha);
      missing.delete(commit.sha);
    }
    const committed = data.at(-1)?.commit?.committer?.date;
    if (missing.size === 0 || line.length >= ANCESTRY_REACH || (committed && new Date(committed) < notBefore)) break;
  }
  return line;
}
