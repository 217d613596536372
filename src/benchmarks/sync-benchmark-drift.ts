import type pg from "pg";
import { detectDrift, MIN_DRIFT_DEPLOYS } from "../analysis/detect-drift.js";
import type { BenchmarksConfig, KaizenConfig } from "../config/schema/kaizen-config.js";
import { formatDuration } from "../config/parse-duration.js";
import type { GitHubClient } from "../github/github-client.js";
import { syncDriftIssue, type DriftStep } from "../github/sync-drift-issue.js";
import { findOpenIssue } from "../db/improvement-issues.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";
import { listAncestry } from "./github.js";
import type { BenchmarkReport } from "./report-context.js";
import type { BenchmarkIssueTip } from "./store/benchmark-issue-tips.js";
import { listBranchBenchmarkLevels } from "./store/benchmark-results.js";
import { typicalValue } from "./sync-benchmark-issues.js";

/** The dedup key of a benchmark's drift issue: one open per (repository, branch, benchmark, measure). */
export function benchmarkDriftFingerprint(repoId: number, branch: string, benchmark: string, measure: string): string {
  return `drift/benchmarks/${repoId}/${JSON.stringify([branch, benchmark, measure])}`;
}

const COMMITTED_BEFORE_PUSH_MS = 30 * 86_400_000;

// The benchmarks' alpha is for one comparison; the drift check looks again after every push.
const REPEATED_LOOKS = 10;

/**
 * The drift check over the default branch's benchmark history, after a push there was compared (the caller holds
 * the repository's benchmark-issue lock). It is made at the branch's tip (`tip`, from syncBenchmarkIssues), whichever
 * push ran it: a push that arrived late adds its commit's level in its place in the history, never makes its own
 * commit the newest (issue 17). Per benchmark measure of the push:
 * 1. levels — each commit's result on the branch within drift.window in the branch's commit order, oldest first (the
 *             tip's ancestry from the commits API, not the time a result was stored; a commit a force-push left off
 *             the line is left out): the median of its samples (sampled benchmarks) or its one value.
 * 2. check  — detectDrift from the first commit's level over the later ones, against drift.threshold, else the
 *             benchmark's own threshold, at benchmarks.alpha ÷ 10.
 * 3. issue  — syncDriftIssue: one drift issue per benchmark, opened, rewritten with the latest evidence, or closed
 *             when the tip's level is back within the threshold of where the drift started; recorded as checked by
 *             the tip's run. It links the benchmark's dashboard page under KAIZEN_PUBLIC_URL. A muted benchmark
 *             (`/kaizen mute`, in the report) opens none.
 * Too few levels to tell a trend and no open drift issue: nothing to do, and the commits API is not asked.
 * A single large step (reported by the benchmark's own issue) does not make a drift: the test asks every step to
 * lean the same way.
 */
export async function syncBenchmarkDrift(
  octokit: GitHubClient,
  pool: pg.Pool,
  input: {
    report: BenchmarkReport;
    repoId: number;
    tip: BenchmarkIssueTip;
    config: Pick<KaizenConfig, "drift" | "issues"> & { benchmarks: Pick<BenchmarksConfig, "alpha"> };
    now: Date;
    publicUrl?: string;
  },
): Promise<void> {
  const { report, repoId, tip, config } = input;
  if (!config.drift.enabled) return;
  const { owner, repo } = report.repo;
  const since = new Date(input.now.getTime() - config.drift.window);
  const checked = [];
  for (const benchmark of report.benchmarks) {
    const fingerprint = benchmarkDriftFingerprint(repoId, report.branch, benchmark.benchmark, benchmark.measure);
    const rows = await listBranchBenchmarkLevels(pool, { repoId, branch: report.branch, benchmark: benchmark.benchmark, measure: benchmark.measure, since });
    if (rows.length > MIN_DRIFT_DEPLOYS || (await findOpenIssue(pool, fingerprint))) checked.push({ benchmark, fingerprint, rows });
  }
  if (checked.length === 0) return;
  const wanted = new Set(checked.flatMap(({ rows }) => rows.map((row) => row.sha)));
  // A commit is pushed, and benchmarked, after it is committed: a month's margin before the window for late pushes.
  const notBefore = new Date(since.getTime() - COMMITTED_BEFORE_PUSH_MS);
  const line = (await listAncestry(octokit, { owner, repo, sha: tip.sha, wanted, notBefore })).reverse();
  const position = new Map(line.map((sha, i) => [sha, i]));

  for (const { benchmark, fingerprint, rows } of checked) {
    const levels = rows
      .filter((row) => position.has(row.sha))
      .sort((a, b) => position.get(a.sha)! - position.get(b.sha)!)
      .map((row) => ({ row, level: typicalValue(row) }))
      .filter(({ level }) => Number.isFinite(level));
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
    await syncDriftIssue(octokit, pool, {
      owner,
      repo,
      repoId,
      environment: report.branch,
      metricName: benchmark.name,
      fingerprint,
      labels: config.issues.labels,
      better: benchmark.better,
      threshold,
      result,
      latest: { level: latestRow.level, sha: latestRow.row.sha },
      checkedBy: { runId: tip.runId, sha: tip.sha },
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
        graphUrl: dashboardUrl(input.publicUrl, report.repo, "benchmarks", benchmark.benchmark),
        excluded: [],
      },
    });
  }
}
