import { formatThreshold } from "../analysis/verdict.js";
import { dismissImprovementIssue, findIssueByNumber, findOpenIssueOpenedBy, improvementIssueKind } from "../db/improvement-issues.js";
import { listMetricVerdicts, listReportedEvaluationsOfShas, type ReportedEvaluation } from "../db/evaluation-verdicts.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";
import type { FeedbackAction } from "./feedback-action.js";
import { closeAsNotPlanned, findPullShas } from "./github.js";
import { retuneMetrics } from "./retune-metrics.js";
import { recordMarkOnce, type FeedbackMark, type NewFeedbackMark } from "./store/feedback-marks.js";
import { renderFeedbackTemplate, type FeedbackReply, type MarkedVerdict } from "./templates.js";

type Help = (problem: string) => FeedbackReply;
type Recorded = { mark: FeedbackMark; earlier: boolean };

/**
 * `/kaizen false-alarm — <reason>` (or the label) on a Kaizen issue: the verdict that opened it is marked, and the
 * issue closed as not planned. Any issue Kaizen opened is found by its stored row (deployment, benchmark, or a
 * later kind), so each kind can be marked the same way.
 */
export async function markIssueFalseAlarm<T>(action: FeedbackAction, reason: string, help: (problem: string) => T): Promise<FeedbackReply | T> {
  const { pool, target } = action;
  const issue = await findIssueByNumber(pool, target.repoId, target.issueNumber);
  if (!issue) {
    return help("this is not an issue Kaizen opened. Mark a false alarm on Kaizen's own issue, or on the pull request it commented on.");
  }
  const issueKind = improvementIssueKind(issue);
  // A drift mark judges the drift check, not the verdict of the evaluation or run whose check opened the issue:
  // naming that verdict would count it as its false alarm (replay, auto-tune) and take the regression's threshold.
  const drift = issueKind === "drift";
  const recorded = await recordMarkOnce(pool, {
    ...base(action, "false-alarm", reason),
    improvementIssueId: issue.id,
    issueKind,
    fingerprint: issue.fingerprint,
    environment: issue.environment,
    metricName: issue.metricName,
    evaluationId: drift ? null : issue.openedByEvaluationId,
    benchmarkRunId: drift ? null : issue.openedByBenchmarkRunId,
    idempotencyKey: action.key,
  });
  await dismissImprovementIssue(pool, issue.id);
  await closeAsNotPlanned(action.octokit, target);
  const tuning = recorded.earlier ? [] : await retuneMetrics(action, [recorded.mark.metricName]);
  return marked(action, reason, [recorded], { closed: true, tuning });
}

/**
 * `/kaizen false-alarm [<metric>] — <reason>` on a pull request: each regression (of that metric, or every one)
 * in the latest reported evaluation per environment of the pull request's commits is marked, and an issue open for
 * one of them is closed as not planned, with a comment saying where and why.
 */
export async function markPullFalseAlarm(action: FeedbackAction, metric: string | null, reason: string, help: Help): Promise<FeedbackReply> {
  const evaluations = await pullEvaluations(action);
  if (evaluations.length === 0) return help("Kaizen has not reported on a deploy of this pull request, so there is no verdict to mark.");
  const recorded: Recorded[] = [];
  for (const evaluation of evaluations) {
    const verdicts = await listMetricVerdicts(action.pool, evaluation.id);
    const regressions = verdicts.filter((v) => v.verdict === "regression" && (metric === null || sameName(v.metricName, metric)));
    for (const v of regressions) {
      const issue = await findOpenIssueOpenedBy(action.pool, evaluation.id, v.metricName);
      recorded.push(await markEvaluation(action, "false-alarm", reason, evaluation, v.metricName, issue));
      if (issue) await closeIssueFromPull(action, issue, reason);
    }
  }
  if (recorded.length === 0) {
    return help(metric ? `Kaizen reported no regression of \`${plain(metric)}\` on this pull request's deploys.` : "Kaizen reported no regression on this pull request's deploys.");
  }
  const fresh = recorded.filter((r) => !r.earlier).map((r) => r.mark.metricName);
  const tuning = await retuneMetrics(action, fresh);
  return marked(action, reason, recorded, { closed: false, tuning });
}

/** `/kaizen missed <metric> — <reason>` on a pull request: the metric's verdict on each environment it was deployed to. */
export async function markMissed(action: FeedbackAction, metric: string, reason: string, help: Help): Promise<FeedbackReply> {
  if (!action.target.isPull) return help("`missed` goes on the pull request whose deploy regressed, so Kaizen knows which deploy it missed.");
  const evaluations = await pullEvaluations(action);
  if (evaluations.length === 0) return help("Kaizen has not reported on a deploy of this pull request, so there is no verdict to mark.");
  const recorded: Recorded[] = [];
  const measured = new Set<string>();
  for (const evaluation of evaluations) {
    const verdicts = await listMetricVerdicts(action.pool, evaluation.id);
    verdicts.forEach((v) => measured.add(v.metricName));
    const found = verdicts.find((v) => sameName(v.metricName, metric));
    if (found) recorded.push(await markEvaluation(action, "missed", reason, evaluation, found.metricName, null));
  }
  if (recorded.length === 0) {
    const names = [...measured].map((n) => `\`${plain(n)}\``).join(", ");
    return help(`\`${plain(metric)}\` is not a metric Kaizen measured on this pull request's deploys${names ? `; those are ${names}` : ""}.`);
  }
  return marked(action, reason, recorded, { closed: false, tuning: [] });
}

async function pullEvaluations(action: FeedbackAction): Promise<ReportedEvaluation[]> {
  const shas = await findPullShas(action.octokit, action.target);
  return listReportedEvaluationsOfShas(action.pool, action.target.repoId, shas);
}

function markEvaluation(
  action: FeedbackAction,
  kind: "false-alarm" | "missed",
  reason: string,
  evaluation: ReportedEvaluation,
  metricName: string,
  issue: { id: number; fingerprint: string } | null,
): Promise<Recorded> {
  return recordMarkOnce(action.pool, {
    ...base(action, kind, reason),
    improvementIssueId: issue?.id ?? null,
    issueKind: "deployment",
    fingerprint: issue?.fingerprint ?? null,
    environment: evaluation.environment,
    metricName,
    evaluationId: evaluation.id,
    benchmarkRunId: null,
    idempotencyKey: `${action.key}:${evaluation.id}:${metricName}`,
  });
}

/** The issue opened for a regression marked on the pull request: dismissed, closed as not planned, told why once. */
async function closeIssueFromPull(action: FeedbackAction, issue: { id: number; issueNumber: number }, reason: string): Promise<void> {
  const { octokit, target } = action;
  const where = { owner: target.owner, repo: target.repo, issueNumber: issue.issueNumber };
  await dismissImprovementIssue(action.pool, issue.id);
  await closeAsNotPlanned(octokit, where);
  const marker = kaizenMarker("feedback", `${action.key}:issue:${issue.issueNumber}`);
  const body = renderFeedbackTemplate("feedback-closed", { login: target.login, pull: target.issueNumber, reason });
  await upsertComment(octokit, { ...where, marker, body });
}

type MarkBase = Pick<NewFeedbackMark, "repoId" | "owner" | "repo" | "kind" | "issueNumber" | "reason" | "actor" | "source" | "link" | "createdAt">;

function base({ target, source, link }: FeedbackAction, kind: "false-alarm" | "missed", reason: string): MarkBase {
  const { repoId, owner, repo, issueNumber, login } = target;
  return { repoId, owner, repo, kind, issueNumber, reason, actor: login, source, link, createdAt: new Date(target.at) };
}

function marked(action: FeedbackAction, reason: string, recorded: Recorded[], rest: { closed: boolean; tuning: string[] }): FeedbackReply {
  const verdicts: MarkedVerdict[] = recorded.map(({ mark, earlier }) => ({
    metricName: mark.metricName,
    environment: mark.environment,
    setting: mark.threshold ? formatThreshold(mark.threshold, "") : null,
    earlier: earlier ? `${mark.actor} on ${mark.createdAt.toISOString().slice(0, 10)}` : null,
  }));
  const missed = recorded.every((r) => r.mark.kind === "missed");
  return { template: "feedback-marked", context: { login: action.target.login, missed, reason, marks: verdicts, ...rest } };
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** A name the user wrote, safe inside a code span. */
function plain(name: string): string {
  return name.replace(/`/g, "'").replace(/\s+/g, " ");
}
