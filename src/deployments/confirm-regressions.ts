import type { Probot } from "probot";
import type { EvaluationWindows } from "../analysis/evaluation-windows.js";
import type { AppDeps } from "../app-deps.js";
import type { KaizenConfig } from "../config/schema/kaizen-config.js";
import { loadRepoConfig, type RepoConfigResult } from "../config/load-repo-config.js";
import { listConfirmations, settleConfirmation, type ConfirmationOutcome } from "./store/confirmations.js";
import { getEvaluation } from "./store/evaluations.js";
import { listMetricResults } from "./store/metric-results.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { findPullsForSha } from "./github.js";
import { installationClient } from "../github/installation-client.js";
import { syncImprovementIssues } from "./sync-improvement-issues.js";
import { buildEvaluationReport } from "./build-evaluation-report.js";
import { fromMetricResultRow } from "./from-metric-result-row.js";
import { judgeConfirmation } from "./judge-confirmation.js";
import { measureMetrics } from "./measure-metrics.js";
import { loadVerdictFeedback, tunedThresholds } from "./verdict-feedback.js";
import { findMute } from "../db/verdict-feedback.js";
import { type MetricConfig } from "../config/schema/kaizen-config.js";

/**
 * Opens the improvement issues an evaluation held back until a later window confirmed them (issues.confirm).
 *
 * 1. db       — the evaluation and its pending confirmations; none left → nothing to do (a redelivered job).
 * 2. config   — re-read; issues turned off, the environment or a metric no longer configured → not needed.
 * 3. sources  — each metric over its confirmation window, against the evaluation's own baseline window; the
 *               candidate window's result is the one the evaluation stored (the issue shows those numbers).
 * 4. analysis — confirmed when both show the regression; otherwise settled as not confirmed, with the reason.
 * 5. report   — under the (repo, environment) lock, exactly as an immediate regression: the issue opens, its
 *               body naming the window that confirmed it, or an issue opened meanwhile gets the evidence.
 *               Fingerprint and marker deduplicate, so a retried or redelivered job never opens a second one.
 * 6. db       — the confirmed ones are settled last, so a retry after a GitHub error resumes at step 5.
 */
export async function confirmRegressions(app: Probot, deps: AppDeps, evaluationId: number): Promise<void> {
  const evaluation = await getEvaluation(deps.pool, evaluationId);
  const pending = await listConfirmations(deps.pool, evaluationId, "pending");
  if (!evaluation?.windows || pending.length === 0) return;
  const { owner, repo, sha, environment, windows } = evaluation;
  const octokit = await installationClient(app, evaluation.installationId);
  const settle = (metricName: string, outcome: ConfirmationOutcome) =>
    settleConfirmation(deps.pool, evaluationId, metricName, outcome);

  const usable = usableConfig(await loadRepoConfig(octokit, { owner, repo }, deps.sources.names()), environment);
  if ("problem" in usable) {
    for (const { metricName } of pending) await settle(metricName, usable.problem);
    return;
  }
  const { config } = usable;

  const vars = { environment, sha, ref: evaluation.ref, repo: `${owner}/${repo}` };
  const stepSeconds = config.deployments.step / 1000;
  // The quiet history lies before the deployment, whichever window is being confirmed.
  const deployedAt = evaluation.statusCreatedAt;
  // The same feedback as the evaluation: a tuned threshold judges the later window too, a mute opens no issue.
  const feedback = await loadVerdictFeedback(deps.pool, evaluation.repoId, deps.now(), config);
  const thresholds = tunedThresholds(feedback);
  const measure = async (metric: MetricConfig, over: EvaluationWindows) =>
    (await measureMetrics({ ...config, metrics: [metric] }, deps.sources, over, vars, stepSeconds, { deployedAt, thresholds }))[0]!;
  const stored = new Map((await listMetricResults(deps.pool, evaluationId)).map((r) => [r.metricName, r]));
  const checked = [];
  for (const row of pending) {
    const metric = config.metrics.find((m) => m.name === row.metricName);
    const result = stored.get(row.metricName);
    if (!metric || !result) {
      await settle(row.metricName, { state: "not-needed", reason: `metric ${row.metricName} is no longer configured` });
      continue;
    }
    const mute = findMute(feedback.mutes, metric.name);
    if (mute) {
      await settle(row.metricName, { state: "not-needed", reason: `muted by ${mute.actor} until ${mute.until.toISOString()}: ${mute.reason}` });
      continue;
    }
    const window = { start: row.windowStart, end: row.windowEnd };
    const again = fromMetricResultRow(metric, result);
    checked.push(
      measure(metric, { baseline: windows.baseline, candidate: window }).then((later) => ({
        again,
        later,
        window,
        ...judgeConfirmation(again.result, later.result),
      })),
    );
  }
  const judged = await Promise.all(checked);
  for (const { again, later, confirmed, reason } of judged) {
    if (!confirmed) await settle(again.metric.name, { state: "not-confirmed", reason, result: later.result });
  }
  const confirmed = judged.filter((j) => j.confirmed);
  if (confirmed.length === 0) return;

  const pulls = await findPullsForSha(octokit, { owner, repo, sha });
  const deployment = { id: evaluation.githubDeploymentId, url: evaluation.url, createdAt: evaluation.statusCreatedAt };
  const links = pulls.map((p) => ({ number: p.number, url: p.url }));
  const facts = { repo: { owner, repo }, environment, sha, ref: evaluation.ref, deployment, windows, pulls: links };
  const report = buildEvaluationReport(facts, config.gate.check, confirmed.map((c) => c.again));
  const confirmations = new Map(confirmed.map((c) => [c.again.metric.name, { window: c.window, result: c.later.result }]));
  const sync = { report, repoId: evaluation.repoId, evaluationId, labels: config.issues.labels, openAtOnce: true, confirmations, publicUrl: deps.publicUrl };
  await withAdvisoryLock(deps.pool, `kaizen-report:${evaluation.repoId}:${environment}`, () =>
    syncImprovementIssues(octokit, deps.pool, sync),
  );
  for (const { again, later, reason } of confirmed) {
    await settle(again.metric.name, { state: "confirmed", reason, result: later.result });
  }
}

/** The config to confirm with, or why there is nothing left to confirm. */
function usableConfig(loaded: RepoConfigResult, environment: string): { config: KaizenConfig } | { problem: ConfirmationOutcome } {
  const notNeeded = (reason: string) => ({ problem: { state: "not-needed", reason } as const });
  if (loaded.status === "missing") return notNeeded("the repository no longer has a .github/kaizen.yml");
  if (loaded.status === "invalid") {
    const reason = `.github/kaizen.yml has ${loaded.problems.length} problem(s); the next deployment is judged again`;
    return { problem: { state: "failed", reason } };
  }
  const { config } = loaded;
  if (!config.issues.enabled) return notNeeded("issues are turned off (issues.enabled: false)");
  if (!config.deployments.environments.includes(environment)) {
    return notNeeded(`environment ${environment} is no longer configured`);
  }
  return { config };
}
