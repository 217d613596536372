import type pg from "pg";
import { hasRecovered } from "../analysis/has-recovered.js";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import { findBenchmarkIssueEvidence, recordBenchmarkIssueEvidence } from "./store/benchmark-issue-evidence.js";
import { findBenchmarkIssueTip, setBenchmarkIssueTip, type BenchmarkIssueTip } from "./store/benchmark-issue-tips.js";
import { listBenchmarkResultsForSha, type StoredBenchmarkResult } from "./store/benchmark-results.js";
import { closeImprovementIssue, countIssuesOpenedByBenchmarkRun, findOpenIssue, hasIssueWithLastSha, setIssueLast } from "../db/improvement-issues.js";
import { closeIssue } from "../github/issues.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { compareCommitOrder } from "./github.js";
import { openBenchmarkIssue } from "./open-benchmark-issue.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

/**
 * The dedup key of a benchmark issue: one open issue per (repository, benchmark, measure). It starts with
 * `benchmarks/` where a deployment's starts with the repository id, so the two kinds never collide.
 */
export function benchmarkIssueFingerprint(repoId: number, benchmark: string, measure: string): string {
  return `benchmarks/${repoId}/${JSON.stringify([benchmark, measure])}`;
}

/** `publicUrl`: KAIZEN_PUBLIC_URL, under which a new issue links the benchmark's dashboard page. */
type IssueSync = { report: BenchmarkReport; repoId: number; runId: number; labels: readonly string[]; publicUrl?: string };

/**
 * At most this many new issues per workflow run. A fork-free but hostile or broken push can still report
 * thousands of regressions (one per benchmark name); each new issue also pages through the open `kaizen`
 * issues. The check run lists every regression; one still there on the next push gets its issue then.
 */
export const MAX_NEW_ISSUES_PER_RUN = 5;

/** What is left of the run's allowance of new issues. */
type Allowance = { left: number };

/**
 * The improvement-issue lifecycle for one push to the default branch, in the branch's commit order (issue 17):
 * workflow runs finish in any order, so what a push may do depends on where its commit sits against the branch's
 * tip, the newest commit already applied to the issues (the caller holds the repository's lock).
 *
 * A push that descends from the tip (or the first one) is applied, per benchmark, as syncImprovementIssues does
 * it for deployments, and becomes the tip:
 * - regression, no open issue → open one, remembering the baseline value as the level to return to;
 * - regression, open issue   → comment the new evidence on it;
 * - otherwise, open issue and head is back within the threshold of that level → comment and close.
 * Every issue it opens, comments on or closes records its commit (last_sha); as the tip only moves forward, an
 * issue's last_sha is never ahead of the tip, so a push the tip descends from never reaches an issue newer than it.
 *
 * A push that arrived late (an ancestor of the tip, the tip itself run again, or off the branch's line) never
 * comments on or closes an issue: the newer commits have spoken. It may only open the issue for a regression it
 * introduced that nothing reported, and only if the benchmark is still beyond the threshold of that regression's
 * level at the tip (a regression that has since recovered is history) and no issue records the tip as its last.
 *
 * A force-push moves the branch off the tip's line: a push on another line than the tip's becomes the tip when the
 * branch holds it and no longer holds the tip, so the issues follow the rewritten branch instead of waiting forever
 * for a descendant of a commit the branch dropped.
 *
 * Each comment is recorded per (issue, run), so a retried job never comments or opens twice. Inconclusive
 * benchmarks leave their issues alone: no evidence either way. Returns the tip after this push, the commit the drift
 * check is made at.
 */
export async function syncBenchmarkIssues(octokit: GitHubClient, pool: pg.Pool, sync: IssueSync): Promise<BenchmarkIssueTip> {
  const { report, repoId, runId } = sync;
  const tip = await findBenchmarkIssueTip(pool, repoId, report.branch);
  const allowance = { left: MAX_NEW_ISSUES_PER_RUN - (await countIssuesOpenedByBenchmarkRun(pool, repoId, runId)) };
  if (await isInOrder(octokit, report, runId, tip)) {
    for (const benchmark of report.benchmarks) await applyInOrder(octokit, pool, sync, benchmark, allowance);
    const newTip = { sha: report.sha, runId };
    await setBenchmarkIssueTip(pool, repoId, report.branch, newTip);
    return newTip;
  }
  const atTip = await listBenchmarkResultsForSha(pool, repoId, tip!.sha);
  for (const benchmark of report.benchmarks) await openLateRegression(octokit, pool, sync, benchmark, { tip: tip!, atTip }, allowance);
  return tip!;
}

/** No tip yet, a retry of the run that set it, a commit that descends from it, or the branch's line after a force-push. */
async function isInOrder(octokit: GitHubClient, report: BenchmarkReport, runId: number, tip: BenchmarkIssueTip | null): Promise<boolean> {
  if (!tip || tip.runId === runId) return true;
  if (tip.sha === report.sha) return false;
  const { owner, repo } = report.repo;
  const order = await compareCommitOrder(octokit, { owner, repo, base: tip.sha, head: report.sha });
  if (order !== "diverged") return order === "ahead";
  const onBranch = async (sha: string) => ["ahead", "identical"].includes(await compareCommitOrder(octokit, { owner, repo, base: sha, head: report.branch }));
  return !(await onBranch(tip.sha)) && (await onBranch(report.sha));
}

async function applyInOrder(
  octokit: GitHubClient,
  pool: pg.Pool,
  sync: IssueSync,
  benchmark: BenchmarkComparisonReport,
  allowance: Allowance,
): Promise<void> {
  const { report, repoId, runId } = sync;
  const { owner, repo } = report.repo;
  const fingerprint = benchmarkIssueFingerprint(repoId, benchmark.benchmark, benchmark.measure);
  const open = await findOpenIssue(pool, fingerprint);
  const { verdict } = benchmark.result;

  if (verdict === "regression" && !open) {
    if (allowance.left <= 0) return;
    allowance.left -= 1;
    await openBenchmarkIssue(octokit, pool, { ...sync, benchmark, fingerprint, lastSha: report.sha });
    return;
  }
  // The run that opened the issue has said everything already (a retry must not add "evidence").
  if (!open || open.openedByBenchmarkRunId === runId) return;
  const level = open.levelBefore ?? benchmark.result.baseline.median ?? 0;
  const recovered = hasRecovered(benchmark.result, level, benchmark);
  if (verdict !== "regression" && !recovered) return;

  const issue = { owner, repo, issueNumber: open.issueNumber };
  if ((await findBenchmarkIssueEvidence(pool, open.id, runId)) === null) {
    const template = recovered ? "benchmarks-issue-recovered" : "benchmarks-issue-evidence";
    const { id } = await upsertComment(octokit, {
      ...issue,
      marker: kaizenMarker("evidence", `${open.id}/benchmark-run/${runId}`),
      body: renderBenchmarkTemplate(template, { ...report, benchmark, level }),
    });
    await recordBenchmarkIssueEvidence(pool, open.id, runId, id);
    await setIssueLast(pool, open.id, { sha: report.sha });
  }
  if (!recovered) return;
  await closeIssue(octokit, issue);
  await closeImprovementIssue(pool, open.id, { runId, sha: report.sha });
}

/**
 * A late push's regression that no newer push reported: the newer pushes were compared with baselines that
 * already carried it (the late commit's results were stored, its comparison not yet applied), so they saw "no
 * change". The issue opens with the tip as its last commit: it states the branch as of the tip.
 */
async function openLateRegression(
  octokit: GitHubClient,
  pool: pg.Pool,
  sync: IssueSync,
  benchmark: BenchmarkComparisonReport,
  late: { tip: BenchmarkIssueTip; atTip: StoredBenchmarkResult[] },
  allowance: Allowance,
): Promise<void> {
  if (allowance.left <= 0 || benchmark.result.verdict !== "regression" || benchmark.result.baseline.median === null) return;
  const fingerprint = benchmarkIssueFingerprint(sync.repoId, benchmark.benchmark, benchmark.measure);
  if (await findOpenIssue(pool, fingerprint)) return;
  if (await hasIssueWithLastSha(pool, fingerprint, late.tip.sha)) return;
  const tipResult = late.atTip.find((r) => r.benchmark === benchmark.benchmark && r.measure === benchmark.measure);
  if (!tipResult || isWithinThreshold(benchmark.result.baseline.median, typicalValue(tipResult), benchmark)) return;
  allowance.left -= 1;
  await openBenchmarkIssue(octokit, pool, { ...sync, benchmark, fingerprint, lastSha: late.tip.sha });
}

/** The value a comparison would take as the commit's median: its samples' median, else its single value. */
export function typicalValue(result: StoredBenchmarkResult): number {
  const samples = [...(result.samples ?? [])].sort((a, b) => a - b);
  if (samples.length === 0) return result.value;
  const middle = Math.floor(samples.length / 2);
  return samples.length % 2 === 1 ? samples[middle]! : (samples[middle - 1]! + samples[middle]!) / 2;
}
