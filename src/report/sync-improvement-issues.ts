import type pg from "pg";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import { closeIssue as closeIssueRow, findOpenIssue } from "../db/improvement-issues.js";
import { findIssueEvidence, recordIssueEvidence } from "../db/issue-evidence.js";
import { closeIssue } from "./close-issue.js";
import { commentOnIssue } from "./comment-on-issue.js";
import type { GitHubClient } from "./github-client.js";
import { openImprovementIssue } from "./open-improvement-issue.js";
import type { EvaluationReport } from "./report-context.js";
import { renderTemplate } from "./render-template.js";

export interface IssueSync {
  report: EvaluationReport;
  repoId: number;
  evaluationId: number;
  labels: readonly string[];
}

/** The dedup key of an improvement issue: one open issue per (repository, environment, metric). */
export function issueFingerprint(repoId: number, environment: string, metricName: string): string {
  return `${repoId}/${environment}/${metricName}`;
}

/**
 * The improvement-issue lifecycle for one evaluation, per metric:
 * - regression, no open issue → open one (remembering the level before the regression);
 * - regression, open issue   → comment the new evidence on it;
 * - otherwise, open issue and the candidate is back within the threshold of that level → comment and close.
 * Each step is recorded per (issue, evaluation), so a retried job never comments or opens twice.
 */
export async function syncImprovementIssues(octokit: GitHubClient, pool: pg.Pool, sync: IssueSync): Promise<void> {
  const { report, repoId, evaluationId } = sync;
  const { owner, repo } = report.repo;
  for (const metric of report.metrics) {
    const fingerprint = issueFingerprint(repoId, report.environment, metric.name);
    const open = await findOpenIssue(pool, fingerprint);
    const { verdict, candidate } = metric.result;

    if (verdict === "regression" && !open) {
      await openImprovementIssue(octokit, pool, { ...sync, metric, fingerprint });
      continue;
    }
    // The evaluation that opened the issue has said everything already (a retry must not add "evidence").
    if (!open || open.openedByEvaluationId === evaluationId) continue;
    const level = open.levelBefore ?? metric.result.baseline.median ?? 0;
    const context = { ...report, metric, level };
    const issue = { owner, repo, issueNumber: open.issueNumber };
    const posted = await findIssueEvidence(pool, open.id, evaluationId);

    if (verdict === "regression") {
      if (posted) continue;
      const comment = await commentOnIssue(octokit, { ...issue, body: renderTemplate("issue-evidence", context) });
      await recordIssueEvidence(pool, open.id, evaluationId, comment.id);
      continue;
    }
    const recovered =
      verdict !== "inconclusive" && candidate.median !== null && isWithinThreshold(level, candidate.median, metric);
    if (!recovered) continue;
    // A retry after the recovery comment but before the close finishes the close without commenting again.
    if (!posted) {
      const comment = await commentOnIssue(octokit, { ...issue, body: renderTemplate("issue-recovered", context) });
      await recordIssueEvidence(pool, open.id, evaluationId, comment.id);
    }
    await closeIssue(octokit, issue);
    await closeIssueRow(pool, open.id, evaluationId);
  }
}
