import type pg from "pg";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { listBenchmarkResultsForSha, type StoredBenchmarkResult } from "./store/benchmark-results.js";
import type { BenchmarkRun } from "./store/benchmark-runs.js";
import type { GitHubClient } from "../github/github-client.js";
import type { BenchmarkReport } from "./report-context.js";
import { BASELINE_REACH, choosePullBaseline, choosePushBaseline, type BaselineSearch } from "./choose-benchmark-baseline.js";
import { benchmarkRunFacts } from "./benchmark-run-facts.js";
import { compareRunResults } from "./compare-run-results.js";
import type { RunPull } from "./github.js";

/** What a run is compared for: an open pull request with it as head, or a push to the default branch. */
export type BenchmarkTarget = { kind: "pull"; pull: RunPull } | { kind: "push"; branch: string };

/**
 * One run's report for one target: the baseline chosen for it (see choose-benchmark-baseline), every benchmark
 * compared with that commit's results, and the run's ingest problems.
 */
export async function buildBenchmarkReport(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { run: BenchmarkRun; config: KaizenConfig; head: StoredBenchmarkResult[]; target: BenchmarkTarget },
): Promise<BenchmarkReport> {
  const { run, config, head, target } = input;
  const where = { repoId: run.repoId, owner: run.owner, repo: run.repo };
  const baseBranch = target.kind === "pull" ? target.pull.base : target.branch;
  const search: BaselineSearch =
    target.kind === "pull"
      ? await choosePullBaseline(octokit, pool, { ...where, base: baseBranch, head: run.headSha })
      : await choosePushBaseline(octokit, pool, { ...where, head: run.headSha });
  const found = search.baseline;
  const noBaseline = found ? null : noBaselineReason(target, baseBranch, search.from, run.headSha);
  const baselineResults = found ? await listBenchmarkResultsForSha(pool, run.repoId, found.sha) : [];
  const compared = await compareRunResults(pool, {
    repoId: run.repoId,
    config: config.benchmarks,
    baseBranch,
    head: { sha: run.headSha, results: head },
    baseline: found ? { sha: found.sha, results: baselineResults } : null,
    noBaseline,
  });
  return {
    ...benchmarkRunFacts(run),
    pull: target.kind === "pull" ? { number: target.pull.number, url: target.pull.url } : null,
    baseBranch,
    baseline: found && search.from ? { ...found, from: search.from } : null,
    noBaseline,
    gate: config.benchmarks.gate,
    ...compared,
  };
}

function noBaselineReason(target: BenchmarkTarget, branch: string, from: string | null, head: string): string {
  if (target.kind === "pull") {
    return `no results on ${branch} at or before the merge-base ${from?.slice(0, 7)} in the last ${BASELINE_REACH} commits`;
  }
  return `no results on ${branch} in the ${BASELINE_REACH} commits before ${head.slice(0, 7)}`;
}
