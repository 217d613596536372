import type pg from "pg";
import { hasRecovered } from "../analysis/has-recovered.js";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import { closeImprovementIssue, findOpenIssue, hasIssueCheckedAfter, setIssueLast } from "../db/improvement-issues.js";
import { findNewestLevelAfter } from "./store/metric-levels.js";
import { findIssueEvidence, recordIssueEvidence } from "./store/issue-evidence.js";
import { closeIssue } from "../github/issues.js";
import type { GitHubClient } from "../github/github-client.js";
import { openImprovementIssue } from "./open-improvement-issue.js";
import type { ConfirmationReport, EvaluationReport, MetricReport } from "./report-context.js";
import { renderDeploymentTemplate } from "./templates.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";

export interface IssueSync {
  report: EvaluationReport;
  repoId: number;
  evaluationId: number;
  labels: readonly string[];
  /**
   * false: a regression without an open issue is not opened here but returned, to be confirmed on a later
   * window first (issues.confirm). Open issues still get evidence and recoveries still close at once.
   */
  openAtOnce: boolean;
  /** The later windows that confirmed these metrics' regressions, by metric name, for the issue body. */
  confirmations?: ReadonlyMap<string, ConfirmationReport>;
  /** KAIZEN_PUBLIC_URL: a new issue links the metric's dashboard page under it. */
  publicUrl?: string;
}

/** The dedup key of an improvement issue: one open issue per (repository, environment, metric). */
export function issueFingerprint(repoId: number, environment: string, metricName: string): string {
  return `${repoId}/${environment}/${metricName}`;
}

/**
 * The improvement-issue lifecycle for one evaluation, per metric:
 * - regression, no open issue → open one (remembering the level before the regression), or with
 *   `openAtOnce: false` leave it to be confirmed later;
 * - regression, open issue   → comment the new evidence on it;
 * - otherwise, open issue and the candidate is back within the threshold of that level → comment and close.
 * Each step is recorded per (issue, evaluation), so a retried job never comments or opens twice.
 *
 * Evaluations finish in any order (windows of different lengths, retries, confirmations), so an open issue moves
 * only forward in deploy order (issue 17): an evaluation whose deployment status was created before the one that
 * opened or last updated the issue (its last_status_at) never comments on it or closes it. Two statuses of the
 * same instant cannot be ordered, so they both count. The status's time
 * is GitHub's and stored with the evaluation, so it orders deploys whenever their jobs run.
 * An older deploy's regression evaluated (or confirmed) after a newer deploy opens no issue, nor waits for
 * confirmation, once the newer deploy superseded it (isSuperseded); otherwise it opens as usual: the newer deploy's
 * own window started at the regressed level, so it could not report it.
 * Returns the names of the regressed metrics left to be confirmed.
 */
export async function syncImprovementIssues(octokit: GitHubClient, pool: pg.Pool, sync: IssueSync): Promise<string[]> {
  const { report, repoId, evaluationId } = sync;
  const { owner, repo } = report.repo;
  const statusAt = report.deployment.createdAt;
  const unconfirmed: string[] = [];
  for (const metric of report.metrics) {
    const fingerprint = issueFingerprint(repoId, report.environment, metric.name);
    const open = await findOpenIssue(pool, fingerprint);
    const { verdict } = metric.result;

    if (verdict === "regression" && !open) {
      if (await isSuperseded(pool, { repoId, environment: report.environment, fingerprint, statusAt }, metric)) continue;
      if (!sync.openAtOnce) unconfirmed.push(metric.name);
      else {
        const confirmation = sync.confirmations?.get(metric.name);
        await openImprovementIssue(octokit, pool, { ...sync, metric, fingerprint, confirmation });
      }
      continue;
    }
    // The evaluation that opened the issue has said everything already (a retry must not add "evidence").
    if (!open || open.openedByEvaluationId === evaluationId) continue;
    const level = open.levelBefore ?? metric.result.baseline.median ?? 0;
    const recovered = hasRecovered(metric.result, level, metric);
    if (verdict !== "regression" && !recovered) continue;

    // A retry of this evaluation (its comment recorded, the close not yet) goes on; any other older one stops.
    const commented = (await findIssueEvidence(pool, open.id, evaluationId)) !== null;
    if (!commented && open.lastStatusAt !== null && statusAt.getTime() < open.lastStatusAt.getTime()) continue;

    const issue = { owner, repo, issueNumber: open.issueNumber };
    // One comment per (issue, evaluation), found again by its marker if a retry comes before it was recorded.
    if (!commented) {
      const { id } = await upsertComment(octokit, {
        ...issue,
        marker: kaizenMarker("evidence", `${open.id}/${evaluationId}`),
        body: renderDeploymentTemplate(recovered ? "issue-recovered" : "issue-evidence", { ...report, metric, level }),
      });
      await recordIssueEvidence(pool, open.id, evaluationId, id);
      await setIssueLast(pool, open.id, { statusAt });
    }
    if (!recovered) continue;
    await closeIssue(octokit, issue);
    await closeImprovementIssue(pool, open.id, { evaluationId, statusAt });
  }
  return unconfirmed;
}

/**
 * Whether a newer deploy than this one (status after `statusAt`) has already settled the metric: an issue of its
 * fingerprint was opened, updated or closed by one, or the newest deploy's level is back within the threshold of the
 * level before this regression (its baseline): it recovered since.
 */
async function isSuperseded(
  pool: pg.Pool,
  at: { repoId: number; environment: string; fingerprint: string; statusAt: Date },
  metric: MetricReport,
): Promise<boolean> {
  if (await hasIssueCheckedAfter(pool, at.fingerprint, at.statusAt)) return true;
  const newer = await findNewestLevelAfter(pool, { repoId: at.repoId, environment: at.environment, metricName: metric.name }, at.statusAt);
  const before = metric.result.baseline.median;
  return newer !== null && before !== null && isWithinThreshold(before, newer.after, metric);
}
