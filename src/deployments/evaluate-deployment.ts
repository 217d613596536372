import type { Probot } from "probot";
import { installationClient } from "../github/installation-client.js";
import { publishVerdictsSection } from "../github/publish-verdicts-section.js";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { finishEvaluation, getEvaluation, setEvaluationCheckRun } from "./store/evaluations.js";
import { saveMetricResults } from "./store/metric-results.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { findPullsForSha } from "./github.js";
import { publishConfigCheck } from "../github/publish-config-check.js";
import { publishEvaluationCheck } from "./publish-evaluation-check.js";
import { deploymentSection } from "./deployment-section.js";
import { syncImprovementIssues } from "./sync-improvement-issues.js";
import { buildEvaluationReport } from "./build-evaluation-report.js";
import { measureMetrics } from "./measure-metrics.js";
import { toMetricResultRows } from "./to-metric-result-rows.js";
import { requestConfirmation } from "./request-confirmation.js";
import { alertingReport, loadVerdictFeedback, tunedThresholds, withVerdictFeedback } from "./verdict-feedback.js";
import { assessDrift, newestCheck, type MetricDrift } from "./assess-drift.js";
import { driftFingerprint, metricPageUrl, syncDriftIssues } from "./sync-drift-issues.js";
import { findOpenIssue } from "../db/improvement-issues.js";
import { findMute } from "../db/verdict-feedback.js";
import type { DriftNote } from "./report-context.js";

/**
 * Evaluates one deployment once its candidate window has closed.
 *
 * 1. config   — re-read, so the metrics are the ones configured now; broken → "Kaizen config" check.
 * 2. sources  — every metric queried over the baseline and candidate windows.
 * 3. analysis — a verdict per metric (rank test + practical threshold, an auto-tuned one where feedback raised it);
 *               the report shows the mutes in force, each adjustment and, on an alert, a suggestion.
 * 4. db       — per-metric results persisted (a retry overwrites, never duplicates); they are the metric's level
 *               after this deploy.
 * 5. drift    — under the (repo, environment) lock, the drift check over drift.window on the stored levels in deploy
 *               order (assessDrift); a drift this deploy pushes beyond the threshold is said in the PR comment. The
 *               drift issues are checked as of the newest deploy the check read (newestCheck), whichever ran it.
 * 6. report   — under the same lock: sticky PR comments, check run, improvement issues, drift issues; each write is
 *               idempotent, so a retry after a GitHub error resumes without duplicates.
 *               A new regression's issue waits for a later window to confirm it (issues.confirm; `0` opens it
 *               now): it is marked pending and the confirm-regressions job queued for when that window closes.
 *               A muted metric's regression or drift opens no issue.
 * 7. db       — the evaluation is marked reported; later deliveries of the same job do nothing.
 */
export async function evaluateDeployment(app: Probot, deps: AppDeps, evaluationId: number): Promise<void> {
  const evaluation = await getEvaluation(deps.pool, evaluationId);
  if (!evaluation || evaluation.state !== "scheduled" || !evaluation.windows) return;
  const { owner, repo, sha, environment, windows } = evaluation;
  const octokit = await installationClient(app, evaluation.installationId);

  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status !== "ok") {
    const problems = loaded.status === "invalid" ? loaded.problems : [];
    if (problems.length > 0) await publishConfigCheck(octokit, { owner, repo, sha, problems });
    await finishEvaluation(deps.pool, evaluationId, loaded.status === "missing" ? "skipped" : "config-error");
    return;
  }
  const config = loaded.config;
  if (!config.deployments.environments.includes(environment)) {
    await finishEvaluation(deps.pool, evaluationId, "skipped", `environment ${environment} is no longer configured`);
    return;
  }

  const vars = { environment, sha, ref: evaluation.ref, repo: `${owner}/${repo}` };
  const step = config.deployments.step / 1000;
  const feedback = await loadVerdictFeedback(deps.pool, evaluation.repoId, deps.now(), config);
  const thresholds = tunedThresholds(feedback);
  const measured = await measureMetrics(config, deps.sources, windows, vars, step, { deployedAt: evaluation.statusCreatedAt, thresholds });

  await saveMetricResults(deps.pool, evaluationId, toMetricResultRows(measured));

  const pulls = await findPullsForSha(octokit, { owner, repo, sha });
  const deployment = { id: evaluation.githubDeploymentId, url: evaluation.url, createdAt: evaluation.statusCreatedAt };
  const links = pulls.map((p) => ({ number: p.number, url: p.url }));
  const facts = { repo: { owner, repo }, environment, sha, ref: evaluation.ref, deployment, windows, pulls: links };
  const built = withVerdictFeedback(buildEvaluationReport(facts, config.gate.check, measured), feedback, config);
  const unconfirmed = await withAdvisoryLock(deps.pool, `kaizen-report:${evaluation.repoId}:${environment}`, async () => {
    // Drift lives in issues: with issues off there is nothing to open, nor a line that promises one. Assessed under
    // the lock, so the levels it reads are the ones every earlier report left, in deploy order.
    const checkDrifts = config.drift.enabled && config.issues.enabled;
    const drifts = checkDrifts ? await assessDrift(deps.pool, { repoId: evaluation.repoId, environment, config, now: deps.now() }) : [];
    // A muted metric's drift opens no issue, so its note (which says one opens) is left out too.
    const unmuted = drifts.filter((d) => !findMute(feedback.mutes, d.metric.name));
    const drift = await driftCrossings(deps, { ...evaluation, evaluationId }, unmuted);
    const report = { ...built, ...(drift.length > 0 ? { drift } : {}) };
    // The comment first: it is what the PR author reads, and GitHub's pacing spaces every later write.
    await publishVerdictsSection(octokit, deps.pool, { repoId: evaluation.repoId, repo: report.repo, policy: config.comment }, deploymentSection(report, deps.publicUrl));
    const checkRunId = await publishEvaluationCheck(octokit, report, evaluationId);
    await setEvaluationCheckRun(deps.pool, evaluationId, checkRunId);
    if (!config.issues.enabled) return [];
    const { labels, confirm } = config.issues;
    const sync = { report: alertingReport(report), repoId: evaluation.repoId, evaluationId, labels, openAtOnce: confirm === 0, publicUrl: deps.publicUrl };
    const pending = await syncImprovementIssues(octokit, deps.pool, sync);
    // The check speaks for the newest deploy it read, which is this one only when it came last in deploy order.
    const checkedBy = newestCheck(drifts, { evaluationId, statusAt: evaluation.statusCreatedAt });
    const driftSync = { repo: { owner, repo }, repoId: evaluation.repoId, environment, drifts, labels, window: config.drift.window };
    await syncDriftIssues(octokit, deps.pool, { ...driftSync, publicUrl: deps.publicUrl, checkedBy, mutes: feedback.mutes });
    return pending;
  });
  const confirmation = { evaluationId, candidate: windows.candidate, confirmMs: config.issues.confirm };
  await requestConfirmation(deps, { ...confirmation, metricNames: unconfirmed });

  await finishEvaluation(deps.pool, evaluationId, "reported");
}

/** The drifts this evaluation's deploy pushed beyond the threshold: drifted now, newest level its own, no issue yet. */
async function driftCrossings(
  deps: AppDeps,
  evaluation: { evaluationId: number; repoId: number; environment: string; owner: string; repo: string },
  drifts: MetricDrift[],
): Promise<DriftNote[]> {
  const notes: DriftNote[] = [];
  for (const { metric, result, threshold, latest, steps } of drifts) {
    if (!result.drifted || latest?.evaluationId !== evaluation.evaluationId) continue;
    if (await findOpenIssue(deps.pool, driftFingerprint(evaluation.repoId, evaluation.environment, metric.name))) continue;
    const { levelBefore, levelNow, changePct, changeAbs } = result;
    const graphUrl = metricPageUrl(deps.publicUrl, evaluation, evaluation.environment, metric.name);
    const step = steps.at(-1)?.step ?? 0;
    notes.push({ name: metric.name, unit: metric.unit, threshold, levelBefore, levelNow, changePct, changeAbs, deploys: steps.length, step, graphUrl });
  }
  return notes;
}
