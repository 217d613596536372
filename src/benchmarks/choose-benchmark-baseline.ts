import type pg from "pg";
import { shasWithBenchmarkResults } from "./store/benchmark-results.js";
import type { GitHubClient } from "../github/github-client.js";

/** The commit whose results a run is compared with, and how it was found. */
export interface BenchmarkBaseline {
  sha: string;
  /**
   * Commits back from where the search started: the merge-base for a pull request, head's parent for a push.
   * 0 means that commit itself.
   */
  distance: number;
  /** merge-base: the pull request's merge-base had results; parent: head's parent did; ancestor: an older commit. */
  how: "merge-base" | "parent" | "ancestor";
}

/** Where the search started and what it found; `baseline` null means no commit in reach had results. */
export interface BaselineSearch {
  /** The merge-base for a pull request, head's parent for a push (null for a root commit). */
  from: string | null;
  baseline: BenchmarkBaseline | null;
}

/** How many commits back the search goes: one page of the commits API. */
export const BASELINE_REACH = 30;

/**
 * The baseline of a pull request: the results at the merge-base of its base branch and head (the compare
 * API), else the nearest of the merge-base's last BASELINE_REACH ancestors with results. Never "whatever ran
 * last" on the base branch: that may contain commits the pull request has not got.
 */
export async function choosePullBaseline(
  octokit: GitHubClient,
  pool: pg.Pool,
  target: { repoId: number; owner: string; repo: string; base: string; head: string },
): Promise<BaselineSearch> {
  const { owner, repo } = target;
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner,
    repo,
    basehead: `${target.base}...${target.head}`,
    per_page: 1,
  });
  const mergeBase = data.merge_base_commit.sha;
  const walk = await commitsFrom(octokit, { owner, repo, sha: mergeBase, count: BASELINE_REACH });
  const found = nearestWithResults(walk, await shasWithBenchmarkResults(pool, target.repoId, walk));
  const baseline = found && { ...found, how: found.distance === 0 ? ("merge-base" as const) : ("ancestor" as const) };
  return { from: mergeBase, baseline };
}

/** The baseline of a push: the nearest ancestor of head with results, counting from head's parent. */
export async function choosePushBaseline(
  octokit: GitHubClient,
  pool: pg.Pool,
  target: { repoId: number; owner: string; repo: string; head: string },
): Promise<BaselineSearch> {
  const { owner, repo } = target;
  const walk = (await commitsFrom(octokit, { owner, repo, sha: target.head, count: BASELINE_REACH + 1 })).slice(1);
  const found = nearestWithResults(walk, await shasWithBenchmarkResults(pool, target.repoId, walk));
  const baseline = found && { ...found, how: found.distance === 0 ? ("parent" as const) : ("ancestor" as const) };
  return { from: walk[0] ?? null, baseline };
}

/** The first commit of `walk` (nearest first) that has results, with its position in the walk. */
export function nearestWithResults(walk: readonly string[], withResults: ReadonlySet<string>): { sha: string; distance: number } | null {
  const distance = walk.findIndex((sha) => withResults.has(sha));
  return distance === -1 ? null : { sha: walk[distance]!, distance };
}

/** `sha` and its ancestors, nearest first (one page of GET /repos/{o}/{r}/commits?sha=). */
async function commitsFrom(
  octokit: GitHubClient,
  { owner, repo, sha, count }: { owner: string; repo: string; sha: string; count: number },
): Promise<string[]> {
  const { data } = await octokit.rest.repos.listCommits({ owner, repo, sha, per_page: count });
  return data.map((commit) => commit.sha);
}
