import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import type { ExperimentJobs } from "./jobs.js";
import { listMetricVerdicts, type MetricVerdictRow } from "../db/evaluation-verdicts.js";
import { installationClient } from "../github/installation-client.js";
import type { GitHubClient } from "../github/github-client.js";
import { kaizenMarker } from "../github/kaizen-marker.js";
import { upsertComment } from "../github/upsert-comment.js";
import { addIssueLabel, commitContains } from "./github.js";
import { judgeExperiment, type ExperimentOutcome } from "./model/judge-experiment.js";
import { publishExperimentsSection } from "./publish-experiments-section.js";
import {
  decideExperiment,
  findEvaluationOfStatus,
  listShippedExperiments,
  setOutcomeComment,
  type ExperimentOutcomeRecord,
  type ExperimentRow,
} from "./store/experiments.js";
import { dashboardUrl } from "../markdown/dashboard-url.js";
import { renderExperimentTemplate } from "./templates.js";

/** How often to look again while the evaluation is still running, and for how long at most (a day). */
const POLL_MS = 60_000;
const MAX_ATTEMPTS = 24 * 60;

/**
 * Decides the experiments a deployment tested, once its evaluation (the deployments feature's) has finished.
 *
 * 1. wait     — the evaluation of this deployment status still pending or scheduled: look again after its
 *               candidate window has closed (or in a minute), up to a day. The deployments feature knows nothing
 *               of experiments; this job reads its tables.
 * 2. shipped  — the waiting experiments of this environment whose pull request's merge commit this deploy contains.
 * 3. decide   — each from its metric's verdict (model/judge-experiment.ts); an evaluation that did not run is
 *               inconclusive. Compare-and-set: an experiment is decided once.
 * 4. report   — the outcome comment on the experiment issue (one, by marker), its `experiment:<outcome>` label, and
 *               the pull request's `experiments` section.
 */
export async function judgeExperiments(app: Probot, deps: AppDeps, job: ExperimentJobs["judge-experiments"]): Promise<void> {
  const evaluation = await findEvaluationOfStatus(deps.pool, job.githubStatusId);
  if (!evaluation || evaluation.state === "pending" || evaluation.state === "scheduled") {
    if (job.attempt >= MAX_ATTEMPTS) return;
    const soon = new Date(deps.now().getTime() + POLL_MS);
    const afterWindow = evaluation?.candidateEnd ? new Date(evaluation.candidateEnd.getTime() + POLL_MS) : soon;
    const startAfter = afterWindow > soon ? afterWindow : soon;
    await deps.queue.send("judge-experiments", { ...job, attempt: job.attempt + 1 }, { key: `${job.githubStatusId}:${job.attempt + 1}`, startAfter });
    return;
  }
  const octokit = await installationClient(app, job.installationId);
  const { owner, repo, sha } = job;
  const waiting = await listShippedExperiments(deps.pool, job.repoId, job.environment);
  const shipped: ExperimentRow[] = [];
  for (const experiment of waiting) {
    const { contains, problem } = await commitContains(octokit, { owner, repo, sha, ancestor: experiment.mergeSha! });
    if (problem) app.log.warn(`experiment #${experiment.issueNumber}: cannot tell whether deploy ${sha.slice(0, 7)} ships ${experiment.mergeSha!.slice(0, 7)} (${problem}); it waits for a deploy that can be compared`);
    if (contains) shipped.push(experiment);
  }
  if (shipped.length === 0) return;

  const verdicts = evaluation.state === "reported" ? await listMetricVerdicts(deps.pool, evaluation.id) : [];
  const evidenceUrl = evaluation.checkRunId ? `${job.repoUrl}/runs/${evaluation.checkRunId}` : null;
  const pulls = new Set<number>();
  for (const experiment of shipped) {
    const verdict = verdicts.find((v) => v.metricName.toLowerCase() === experiment.metricName!.toLowerCase()) ?? null;
    const judged =
      evaluation.state === "reported"
        ? judgeExperiment(experiment.expectation!, verdict)
        : { outcome: "inconclusive" as const, why: `the evaluation did not run (${evaluation.state}${evaluation.note ? `: ${evaluation.note}` : ""})` };
    const record = outcomeRecord(judged.why, sha, evaluation.id, verdict, evidenceUrl);
    const decided = await decideExperiment(deps.pool, experiment.id, { outcome: judged.outcome, evaluationId: evaluation.id, record, at: deps.now() });
    if (decided.state === "waiting" || decided.state === "invalid") continue;
    await report(octokit, deps, decided, decided.state);
    if (decided.prNumber) pulls.add(decided.prNumber);
  }
  for (const pullNumber of pulls) await publishExperimentsSection(octokit, deps.pool, { repoId: job.repoId, owner, repo, pullNumber, publicUrl: deps.publicUrl });
}

function outcomeRecord(why: string, sha: string, evaluationId: number, v: MetricVerdictRow | null, evidenceUrl: string | null): ExperimentOutcomeRecord {
  return {
    why,
    sha,
    evaluationId,
    verdict: v?.verdict ?? null,
    changePct: v?.changePct ?? null,
    baselineMedian: v?.baselineMedian ?? null,
    candidateMedian: v?.candidateMedian ?? null,
    unit: v?.unit ?? "",
    pValue: v?.pValue ?? null,
    graphUrl: v?.graphUrl ?? null,
    evidenceUrl,
  };
}

/** The outcome on the issue: one comment (its marker finds it again after a retry) and the outcome's label. */
async function report(octokit: GitHubClient, deps: AppDeps, experiment: ExperimentRow, outcome: ExperimentOutcome): Promise<void> {
  const { owner, repo, issueNumber } = experiment;
  const marker = kaizenMarker("experiment-outcome", String(issueNumber));
  const body = renderExperimentTemplate("experiment-outcome", {
    marker,
    outcome,
    metric: experiment.metricName!,
    environment: experiment.environment!,
    expect: experiment.expectation!.text,
    prNumber: experiment.prNumber,
    record: experiment.outcome!,
    dashboard: dashboardUrl(deps.publicUrl, { owner, repo }, "metrics", experiment.environment!, experiment.metricName!),
  });
  const { id } = await upsertComment(octokit, { owner, repo, issueNumber, marker, body, knownCommentId: experiment.outcomeCommentId });
  await setOutcomeComment(deps.pool, experiment.id, id);
  await addIssueLabel(octokit, { owner, repo, issueNumber, label: `experiment:${outcome}` });
}
