import type pg from "pg";
import { detectDrift } from "../analysis/detect-drift.js";
import type { BenchmarksConfig, KaizenConfig } from "../config/schema/kaizen-config.js";
import { formatDuration } from "../config/parse-duration.js";
import type { GitHubClient } from "../github/github-client.js";
import { syncDriftIssue, type DriftStep } from "../github/sync-drift-issue.js";
import type { BenchmarkReport } from "./report-context.js";
import { listBranchBenchmarkLevels } from "./store/benchmark-results.js";
import { typicalValue } from "./sync-benchmark-issues.js";

/** The dedup key of a benchmark's drift issue: one open per (repository, branch, benchmark, measure). */
export function benchmarkDriftFingerprint(repoId: number, branch: string, benchmark: string, measure: string): string {
  return `drift/benchmarks/${repoId}/${JSON.stringify([branch, benchmark, measure])}`;
}

// The benchmarks' alpha is for one comparison; the drift check looks again after every push.
const REPEATED_LOOKS = 10;

/**
 * The drift check over the default branch's benchmark history, after a push there was compared (the caller holds
 * the repository's benchmark-issue lock). Per benchmark measure of the push:
 * 1. levels — each commit's result on the branch within drift.window, oldest first: the median of its samples
 *             (sampled benchmarks) or its one value.
 * 2. check  — detectDrift from the first commit's level over the later ones, against drift.threshold, else the
 *             benchmark's own threshold, at benchmarks.alpha ÷ 10.
 * 3. issue  — syncDriftIssue: one drift issue per benchmark, opened, rewritten with the latest evidence, or closed
 *             when the newest level is back within the threshold of where the drift started; a muted benchmark
 *             (`/kaizen mute`, in the report) opens none.
 * A single large step (reported by the benchmark's own issue) does not make a drift: the test asks every step to
 * lean the same way.
 */
export async function syncBenchmarkDrift(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: { report: BenchmarkReport; repoId: number; runId: number; config: Pick<KaizenConfig, "drift" | "issues"> & { benchmarks: Pick<BenchmarksConfig, "alpha"> }; now: Date },
): Promise<void> {
  const { report, repoId, runId, config } = input;
  if (!config.drift.enabled) return;
  const since = new Date(input.now.getTime() - config.drift.window);
  for (const benchmark of report.benchmarks) {
    const query = { repoId, branch: report.branch, benchmark: benchmark.benchmark, measure: benchmark.measure, since };
    const rows = await listBranchBenchmarkLevels(pool, query);
    const levels = rows.map((row) => ({ row, level: typicalValue(row) })).filter(({ level }) => Number.isFinite(level));
    const first = levels[0];
    const latestRow = levels.at(-1);
    if (!first || !latestRow) continue;
    const threshold = config.drift.threshold ?? benchmark.threshold;
    const result = detectDrift(
      { start: first.level, levels: levels.slice(1).map(({ level }) => level), noun: "commits" },
      { better: benchmark.better, threshold, alpha: config.benchmarks.alpha / REPEATED_LOOKS },
    );
    const changePoints = new Set(result.changePoints);
    const steps: DriftStep[] = levels.slice(1).map(({ row, level }, i) => ({
      sha: row.sha,
      at: row.createdAt,
      level,
      step: result.steps[i] ?? 0,
      ownChangePct: null,
      newLevel: changePoints.has(i),
    }));
    const { owner, repo } = report.repo;
    await syncDriftIssue(octokit, pool, {
      owner,
      repo,
      repoId,
      environment: report.branch,
      metricName: benchmark.name,
      fingerprint: benchmarkDriftFingerprint(repoId, report.branch, benchmark.benchmark, benchmark.measure),
      labels: config.issues.labels,
      better: benchmark.better,
      threshold,
      result,
      latest: { level: latestRow.level, sha: latestRow.row.sha },
      checkedBy: { runId, sha: report.sha },
      muted: Boolean(benchmark.feedback?.mute),
      context: {
        subject: benchmark.name,
        where: report.branch,
        stepNoun: "commit",
        stepsNoun: "commits",
        unit: benchmark.unit,
        better: benchmark.better,
        threshold,
        lookback: formatDuration(config.drift.window),
        result,
        steps,
        graphUrl: null,
        excluded: [],
      },
    });
  }
}
