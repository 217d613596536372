import type pg from "pg";
import type { Threshold } from "../analysis/verdict.js";
import { insertIssue, type ImprovementIssueRow, type IssueCheck } from "../db/improvement-issues.js";
import type { GitHubClient } from "./github-client.js";
import { findOrOpenIssue } from "./issues.js";
import { kaizenMarker } from "./kaizen-marker.js";

/**
 * Opens a Kaizen issue (a regression or a drift of one metric or benchmark) and records it in `improvement_issues`.
 * An open issue already carrying the fingerprint's marker (a retry after GitHub created it but before it was
 * recorded) is adopted instead of opening a duplicate.
 */
export async function openRecordedIssue(
  octokit: GitHubClient,
  pool: pg.Pool,
  issue: {
    repoId: number;
    repo: { owner: string; repo: string };
    /** The deployment environment, or the branch. */
    where: string;
    /** The metric, or the benchmark as `benchmark (measure)`. */
    subject: { name: string; better: "lower" | "higher"; threshold: Threshold };
    fingerprint: string;
    kind?: ImprovementIssueRow["kind"];
    /** The level the metric must return to for the issue to close. */
    levelBefore: number;
    openedBy: IssueCheck;
    title: string;
    /** The body, given the marker it must carry. */
    body: (marker: string) => string;
    labels: readonly string[];
  },
): Promise<void> {
  const { owner, repo } = issue.repo;
  const { fingerprint, openedBy } = issue;
  const marker = kaizenMarker("issue", fingerprint);
  const opened = await findOrOpenIssue(octokit, { owner, repo, marker, title: issue.title, body: issue.body(marker), labels: issue.labels });
  await insertIssue(pool, {
    kind: issue.kind ?? "regression",
    repoId: issue.repoId,
    owner,
    repo,
    environment: issue.where,
    metricName: issue.subject.name,
    fingerprint,
    issueNumber: opened.number,
    levelBefore: issue.levelBefore,
    better: issue.subject.better,
    threshold: issue.subject.threshold,
    ...("evaluationId" in openedBy
      ? { openedByEvaluationId: openedBy.evaluationId, lastStatusAt: openedBy.statusAt }
      : { openedByEvaluationId: null, openedByBenchmarkRunId: openedBy.runId, lastSha: openedBy.sha }),
  });
}
