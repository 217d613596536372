import type pg from "pg";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import { findBenchmarkIssueEvidence, recordBenchmarkIssueEvidence } from "./store/benchmark-issue-evidence.js";
import { closeBenchmarkIssue, findOpenIssue } from "../db/improvement-issues.js";
import { closeIssue } from "../github/issues.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { openBenchmarkIssue } from "./open-benchmark-issue.js";
import type { BenchmarkReport } from "./report-context.js";
import { renderBenchmarkTemplate } from "./templates.js";
import { upsertComment } from "../github/upsert-comment.js";

/**
 * The dedup key of a benchmark issue: one open issue per (repository, benchmark, measure). It starts with
 * `benchmarks/` where a deployment's starts with the repository id, so the two kinds never collide.
 */
export function benchmarkIssueFingerprint(repoId: number, benchmark: string, measure: string): string {
  return `benchmarks/${repoId}/${JSON.stringify([benchmark, measure])}`;
}

/**
 * The improvement-issue lifecycle for one push to the default branch, per benchmark, as syncImprovementIssues
 * does it for deployments:
 * - regression, no open issue → open one, remembering the baseline value as the level to return to;
 * - regression, open issue   → comment the new evidence on it;
 * - otherwise, open issue and head is back within the threshold of that level → comment and close.
 * Each comment is recorded per (issue, run), so a retried job never comments or opens twice. Inconclusive
 * benchmarks leave their issues alone: no evidence either way.
 */
export async function syncBenchmarkIssues(
  octokit: GitHubClient,
  pool: pg.Pool,
  sync: { report: BenchmarkReport; repoId: number; runId: number; labels: readonly string[] },
): Promise<void> {
  const { report, repoId, runId } = sync;
  const { owner, repo } = report.repo;
  for (const benchmark of report.benchmarks) {
    const fingerprint = benchmarkIssueFingerprint(repoId, benchmark.benchmark, benchmark.measure);
    const open = await findOpenIssue(pool, fingerprint);
    const { verdict, candidate } = benchmark.result;

    if (verdict === "regression" && !open) {
      await openBenchmarkIssue(octokit, pool, { ...sync, benchmark, fingerprint });
      continue;
    }
    // The run that opened the issue has said everything already (a retry must not add "evidence").
    if (!open || open.openedByBenchmarkRunId === runId) continue;
    const level = open.levelBefore ?? benchmark.result.baseline.median ?? 0;
    const recovered =
      (verdict === "improvement" || verdict === "no-change") &&
      candidate.median !== null &&
      isWithinThreshold(level, candidate.median, benchmark);
    if (verdict !== "regression" && !recovered) continue;

    const issue = { owner, repo, issueNumber: open.issueNumber };
    if ((await findBenchmarkIssueEvidence(pool, open.id, runId)) === null) {
      const template = recovered ? "benchmarks-issue-recovered" : "benchmarks-issue-evidence";
      const { id } = await upsertComment(octokit, {
        ...issue,
        marker: kaizenMarker("evidence", `${open.id}/benchmark-run/${runId}`),
        body: renderBenchmarkTemplate(template, { ...report, benchmark, level }),
      });
      await recordBenchmarkIssueEvidence(pool, open.id, runId, id);
    }
    if (!recovered) continue;
    await closeIssue(octokit, issue);
    await closeBenchmarkIssue(pool, open.id, runId);
  }
}
