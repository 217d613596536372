import type pg from "pg";
import type { DriftResult } from "../analysis/detect-drift.js";
import { isWithinThreshold } from "../analysis/is-within-threshold.js";
import type { Threshold } from "../analysis/verdict.js";
import { closeImprovementIssue, findOpenIssue, hasIssueCheckedAfter, setIssueLast, type ImprovementIssueRow, type IssueCheck } from "../db/improvement-issues.js";
import { driftEvidence } from "../markdown/drift-evidence.js";
import { templateRenderer } from "../markdown/render-template.js";
import type { GitHubClient } from "./github-client.js";
import { closeIssue, updateIssueBody } from "./issues.js";
import { kaizenMarker } from "./kaizen-marker.js";
import { openRecordedIssue } from "./open-recorded-issue.js";
import { upsertComment } from "./upsert-comment.js";

/** One deploy or commit in a drift's span, as the issue lists it. */
export interface DriftStep {
  sha: string;
  at: Date;
  /** The level after it. */
  level: number;
  /** Its level minus the one before it, in the unit. */
  step: number;
  /** Its change measured on its own (deploys: baseline → candidate window, %), when there is one. */
  ownChangePct: number | null;
  /** A new level began with it (a PELT change point). */
  newLevel: boolean;
}

/** What a drift issue body says; deployments and benchmarks fill it in the same way. */
export interface DriftIssueContext {
  marker: string;
  /** The metric, or `benchmark (measure)`. */
  subject: string;
  /** The environment, or the branch. */
  where: string;
  stepNoun: "deploy" | "commit";
  stepsNoun: "deploys" | "commits";
  unit: string;
  better: "lower" | "higher";
  threshold: Threshold;
  /** `drift.window` as text, like `14d` (not `window`: that name is the template helper for time windows). */
  lookback: string;
  result: DriftResult;
  steps: DriftStep[];
  /** The steps that worsened the metric most, largest first (at most 5). */
  ranked: DriftStep[];
  /** Lines of evidence in words (driftEvidence), then what the span left out. */
  evidence: string[];
  /** The metric's dashboard page, when KAIZEN_PUBLIC_URL is set. */
  graphUrl: string | null;
}

/** A comment on a drift issue whose level is back within the threshold of where it started. */
export interface DriftRecoveredContext {
  subject: string;
  where: string;
  unit: string;
  threshold: Threshold;
  level: number;
  now: number;
  sha: string;
}

const renderDriftTemplate = templateRenderer<{ "drift-issue": DriftIssueContext; "drift-recovered": DriftRecoveredContext }>("drift");

/** The drift issue's row (its fingerprint `drift/…`: one open drift issue per metric and environment, or benchmark and branch). */
export type DriftIssueSync = Pick<ImprovementIssueRow, "repoId" | "owner" | "repo" | "environment" | "metricName" | "fingerprint" | "better" | "threshold"> & {
  labels: readonly string[];
  result: DriftResult;
  /** The newest level and the deploy or commit it was measured after; null when none is stored. */
  latest: { level: number; sha: string } | null;
  /** Who checked: an evaluation (deployments) or a benchmark run (benchmarks), recorded on the issue. */
  checkedBy: IssueCheck;
  /** Muted (`/kaizen mute`): a drift opens no issue; an open one is still kept up to date and closed. */
  muted?: boolean;
  context: Omit<DriftIssueContext, "marker" | "evidence" | "ranked"> & { excluded: string[] };
};

/**
 * One drift issue per fingerprint, kept in step with the latest drift check:
 * - drifted, no open issue → open one (or adopt the one GitHub has with the marker), its level before recorded;
 * - drifted, open issue    → the body rewritten with the latest evidence (an update, not another issue);
 * - open issue, the newest level back within the threshold of the level before → comment once and close;
 * - muted, no open issue → nothing (a mute stops alerts, not measurement).
 * Every write is idempotent under retries: the body is replaced, the comment carries a marker, the row is unique.
 * A deployment check older than the deploy an issue of the fingerprint was last checked at (`last_status_at`) does
 * nothing (issue 17); benchmark checks are made at the branch's tip, which the caller keeps in commit order.
 * Returns what it did.
 */
export async function syncDriftIssue(octokit: GitHubClient, pool: pg.Pool, sync: DriftIssueSync): Promise<"opened" | "updated" | "closed" | "none"> {
  const { owner, repo, fingerprint, result } = sync;
  const marker = kaizenMarker("issue", fingerprint);
  const evidence = [...driftEvidence(result, sync.context.unit, sync.context.stepsNoun), ...sync.context.excluded];
  const worse = sync.better === "lower" ? 1 : -1;
  const ranked = sync.context.steps
    .filter((step) => step.step * worse > 0)
    .sort((a, b) => (b.step - a.step) * worse)
    .slice(0, 5);
  const body = () => renderDriftTemplate("drift-issue", { ...sync.context, marker, evidence, ranked });
  const open = await findOpenIssue(pool, fingerprint);
  if (await isStale(pool, sync, open)) return "none";

  if (open) {
    const issue = { owner, repo, issueNumber: open.issueNumber };
    const level = open.levelBefore ?? result.levelBefore;
    if (!result.drifted && sync.latest && isWithinThreshold(level, sync.latest.level, sync)) {
      const { subject, where, unit } = sync.context;
      await upsertComment(octokit, {
        ...issue,
        marker: kaizenMarker("evidence", `${open.id}/drift-recovered`),
        body: renderDriftTemplate("drift-recovered", { subject, where, unit, threshold: sync.threshold, level, now: sync.latest.level, sha: sync.latest.sha }),
      });
      await closeIssue(octokit, issue);
      await closeImprovementIssue(pool, open.id, sync.checkedBy);
      return "closed";
    }
    if (!result.drifted) return "none";
    await updateIssueBody(octokit, { ...issue, body: body() });
    await setIssueLast(pool, open.id, sync.checkedBy);
    return "updated";
  }
  if (!result.drifted || sync.muted) return "none";

  await openRecordedIssue(octokit, pool, {
    repoId: sync.repoId,
    repo: { owner, repo },
    fingerprint,
    labels: sync.labels,
    where: sync.environment,
    subject: { name: sync.metricName, better: sync.better, threshold: sync.threshold },
    kind: "drift",
    levelBefore: result.levelBefore,
    openedBy: sync.checkedBy,
    title: `Performance drift: ${sync.context.subject} in ${sync.context.where}`,
    body,
  });
  return "opened";
}

/** A deployment check of a deploy older than the one the open issue, or any issue of the fingerprint, was last checked at. */
async function isStale(pool: pg.Pool, sync: DriftIssueSync, open: ImprovementIssueRow | null): Promise<boolean> {
  if (!("statusAt" in sync.checkedBy)) return false;
  const { statusAt } = sync.checkedBy;
  if (open) return open.lastStatusAt !== null && statusAt.getTime() < open.lastStatusAt.getTime();
  return hasIssueCheckedAfter(pool, sync.fingerprint, statusAt);
}
