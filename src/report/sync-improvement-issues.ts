import type pg from "pg";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import { closeIssue as closeIssueRow, findOpenIssue } from "../db/improvement-issues.js";
import { findIssueEvidence, recordIssueEvidence } from "../db/issue-evidence.js";
import { closeIssue } from "./close-issue.js";
import type { GitHubClient } from "./github-client.js";
import { openImprovementIssue } from "./open-improvement-issue.js";
import type { EvaluationReport } from "./report-context.js";
import { renderTemplate } from "./render-template.js";
import { kaizenMarker } from "./kaizen-marker.js";
import { upsertComment } from "./upsert-comment.js";

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
    const recovered =
      (verdict === "improvement" || verdict === "no-change") &&
      candidate.median !== null &&
      isWithinThreshold(level, candidate.median, metric);
    if (verdict !== "regression" && !recovered) continue;

    const issue = { owner, repo, issueNumber: open.issueNumber };
    // One comment per (issue, evaluation), found again by its marker if a retry comes before it was recorded.
    if (!(await findIssueEvidence(pool, open.id, evaluationId))) {
      const { id } = await upsertComment(octokit, {
        ...issue,
        marker: kaizenMarker("evidence", `${open.id}/${evaluationId}`),
        body: renderTemplate(recovered ? "issue-recovered" : "issue-evidence", { ...report, metric, level }),
      });
      await recordIssueEvidence(pool, open.id, evaluationId, id);
    }
    if (!recovered) continue;
    await closeIssue(octokit, issue);
    await closeIssueRow(pool, open.id, evaluationId);
  }
}
