import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { planEvaluation } from "./deployments/plan-evaluation.js";
import { evaluateDeployment } from "./deployments/evaluate-deployment.js";
import { reportConfigNotChecked, validatePrConfig } from "./config-check/validate-pr-config.js";
import { confirmRegressions } from "./deployments/confirm-regressions.js";
import { ingestBenchmarks } from "./benchmarks/ingest-benchmarks.js";
import { compareBenchmarks } from "./benchmarks/compare-benchmarks.js";
import { openDueRadarReviews, scheduleRadarReviewsDue } from "./radar/open-due-radar-reviews.js";
import { openRadarReview } from "./radar/open-radar-review.js";
import { syncRadarItem } from "./radar/sync-radar-item.js";
import { radarCommand, replyCommandFailed } from "./radar/radar-command.js";
import { importRadar } from "./radar/import-radar.js";
import { installationClient } from "./github/installation-client.js";
import { compareDeployment } from "./dora/compare-deployment.js";
import { recordPull } from "./dora/record-pull.js";
import { syncDora } from "./dora/sync-dora.js";
import { openDoraDigest } from "./dora/open-dora-digest.js";
import { setBenchmarkRunState } from "./benchmarks/store/benchmark-runs.js";
import { failPendingConfirmations } from "./deployments/store/confirmations.js";
import { finishEvaluation } from "./deployments/store/evaluations.js";
import { decideGate } from "./gate/decide-gate.js";
import { syncExperiment } from "./experiments/sync-experiment.js";
import { linkExperimentPull } from "./experiments/link-experiment-pull.js";
import { judgeExperiments } from "./experiments/judge-experiments.js";
import { feedbackCommand } from "./feedback/feedback-command.js";
import { feedbackLabel } from "./feedback/feedback-label.js";
import { checkDrift, queueDailyDriftChecks, scheduleDriftChecksDue } from "./deployments/check-drift.js";
import { sweepEvaluations } from "./deployments/sweep-evaluations.js";
import { sweepBenchmarkRuns } from "./benchmarks/sweep-benchmark-runs.js";
import { recoverDeliveries } from "./github/recover-deliveries.js";
import { describePrune, pruneData } from "./lifecycle/prune-data.js";

/** Job routing: each named job runs one pipeline. A throw fails the job and the queue retries it with backoff. */
export async function startWorkers(app: Probot, deps: AppDeps): Promise<void> {
  const onGiveUp = { onGiveUp: ({ evaluationId }: { evaluationId: number }, reason: string) => giveUp(deps, evaluationId, reason) };
  await deps.queue.work("plan-evaluation", (job) => planEvaluation(app, deps, job.evaluationId), onGiveUp);
  await deps.queue.work("evaluate-deployment", (job) => evaluateDeployment(app, deps, job.evaluationId), onGiveUp);
  await deps.queue.work("confirm-regressions", (job) => confirmRegressions(app, deps, job.evaluationId), {
    // The evaluation itself was reported already: only its pending confirmations failed.
    onGiveUp: async ({ evaluationId }, reason) => {
      await failPendingConfirmations(deps.pool, evaluationId, `gave up after every retry: ${reason}`);
    },
  });
  await deps.queue.work("validate-config", (job) => validatePrConfig(app, deps, job), {
    onGiveUp: (job) => reportConfigNotChecked(app, job),
  });
  const failRun = {
    onGiveUp: async ({ runId }: { runId: number }, reason: string) => {
      await setBenchmarkRunState(deps.pool, runId, "failed", { note: `gave up after every retry: ${reason}` });
    },
  };
  await deps.queue.work("ingest-benchmarks", (job) => ingestBenchmarks(app, deps, job.runId), failRun);
  await deps.queue.work("compare-benchmarks", (job) => compareBenchmarks(app, deps, job.runId), failRun);
  await deps.queue.work("sync-radar-item", (job) => syncRadarItem(app, deps, job));
  await deps.queue.work("radar-command", (job) => radarCommand(app, deps, job), { onGiveUp: (job) => replyCommandFailed(app, job) });
  await deps.queue.work("import-radar", async (job) => {
    await importRadar(await installationClient(app, job.installationId), deps, job);
  });
  await deps.queue.work("radar-reviews-due", async () => {
    // The next tick first: a tick that keeps failing must not end the chain.
    await scheduleRadarReviewsDue(deps.queue, new Date());
    await openDueRadarReviews(app, deps);
  });
  await deps.queue.work("open-radar-review", async (job) => {
    await openRadarReview(app, deps, job);
  });
  await deps.queue.work("dora-compare", async (job) => compareDeployment(await installationClient(app, job.installationId), deps, job));
  await deps.queue.work("dora-pull", async (job) => {
    await recordPull(await installationClient(app, job.installationId), deps, job);
  });
  await deps.queue.work("dora-sync", async (job) => {
    await syncDora(await installationClient(app, job.installationId), deps, job);
  });
  await deps.queue.work("dora-sync-installation", async ({ installationId }) => {
    const octokit = await installationClient(app, installationId);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, { per_page: 100 });
    for (const r of repositories) {
      const data = { installationId, repoId: r.id, owner: r.owner.login, repo: r.name };
      await deps.queue.send("dora-sync", data, { key: `installation:${installationId}:${r.id}` });
    }
  });
  await deps.queue.work("dora-digest", async (job) => openDoraDigest(await installationClient(app, job.installationId), deps, job));
  await deps.queue.work("sync-experiment", (job) => syncExperiment(app, deps, job));
  await deps.queue.work("link-experiment-pull", (job) => linkExperimentPull(app, deps, job));
  await deps.queue.work("judge-experiments", (job) => judgeExperiments(app, deps, job));
  await deps.queue.work("decide-gate", (job) => decideGate(app, deps, job));
  await deps.queue.work("feedback-command", (job) => feedbackCommand(app, deps, job));
  await deps.queue.work("feedback-label", (job) => feedbackLabel(app, deps, job));
  await deps.queue.work("drift-checks-due", async ({ day }) => {
    // The next tick first, as for radar reviews: a tick that keeps failing must not end the chain.
    await scheduleDriftChecksDue(deps.queue, new Date());
    await queueDailyDriftChecks(deps, day);
  });
  await deps.queue.work("check-drift", (job) => checkDrift(app, deps, job));
  await deps.queue.work("sweep-stored-work", async () => {
    // The next sweep first: a sweep that keeps failing must not end the chain.
    await sendEvery(deps, "sweep-stored-work", SWEEP_SECONDS, new Date(Date.now() + SWEEP_SECONDS * 1000));
    await sweepStoredWork(app, deps, 30);
  });
  // At start, everything stored without a job (a crash a moment ago included); then every SWEEP_SECONDS, once per
  // slot whichever replica takes it, what has waited at least 30 s (the intake queues its own within milliseconds).
  await sweepStoredWork(app, deps, 0);
  await sendEvery(deps, "sweep-stored-work", SWEEP_SECONDS, new Date(Date.now() + SWEEP_SECONDS * 1000));
  if (deps.recoverDeliveries !== false) {
    await deps.queue.work("recover-deliveries", async () => {
      await sendEvery(deps, "recover-deliveries", RECOVER_SECONDS, new Date(Date.now() + RECOVER_SECONDS * 1000));
      const recovered = await recoverDeliveries(await app.auth(), deps.pool);
      deps.metrics?.redeliveries.inc(recovered.redelivered);
      const line = `recover deliveries: ${recovered.scanned} read, ${recovered.failed} failed, ${recovered.redelivered} redelivery(ies) asked for`;
      if (recovered.redelivered > 0) app.log.warn(recovered, line);
      else app.log.info(recovered, line);
    });
    // At start (the current slot's run, unless a replica ran it already), then every RECOVER_SECONDS.
    await sendEvery(deps, "recover-deliveries", RECOVER_SECONDS, new Date());
  }
  await deps.queue.work("prune-data", async () => {
    await sendEvery(deps, "prune-data", PRUNE_SECONDS, new Date(Date.now() + PRUNE_SECONDS * 1000));
    const report = await pruneData(deps.pool, { retentionMs: deps.retentionMs ?? 30 * 86_400_000, now: new Date() });
    for (const line of describePrune(report)) app.log.info({ job: "prune-data" }, line);
  });
  // The first prune an hour after start: a crash loop cannot prune more often.
  await sendEvery(deps, "prune-data", PRUNE_SECONDS, new Date(Date.now() + PRUNE_SECONDS * 1000));
  // From start-up, the first tick is at least an hour away (the ticks' chain keeps the hourly pace): a process that
  // lives less than an hour, such as a test's, never runs it, and a crash loop cannot run it more often.
  await scheduleRadarReviewsDue(deps.queue, new Date(Date.now() + 3_600_000));
  await scheduleDriftChecksDue(deps.queue, new Date(Date.now() + 3_600_000));
}

async function giveUp(deps: AppDeps, evaluationId: number, reason: string): Promise<void> {
  await finishEvaluation(deps.pool, evaluationId, "failed", `gave up after every retry: ${reason}`);
}

/** How often stored work without a job is looked for, and how old it must be (its own job had that long to be queued). */
const SWEEP_SECONDS = 180;

async function sweepStoredWork(app: Probot, deps: AppDeps, olderThanSeconds: number): Promise<void> {
  const options = { olderThanSeconds, now: deps.now() };
  const queued = (await sweepEvaluations(deps.pool, deps.queue, options)) + (await sweepBenchmarkRuns(deps.pool, deps.queue, options));
  if (queued > 0) app.log.warn({ queued }, `sweep: queued ${queued} job(s) for work stored without one`);
}

/** How often data past its retention is deleted. */
const PRUNE_SECONDS = 3600;

/** How often missed webhook deliveries are looked for. */
const RECOVER_SECONDS = 300;

/**
 * Queues the run of a periodic job for the slot (of `seconds`) that `at` falls in, due at that slot's start; keyed
 * by the slot, so one run per slot whichever replica queues it.
 */
async function sendEvery(deps: AppDeps, name: "sweep-stored-work" | "recover-deliveries" | "prune-data", seconds: number, at: Date): Promise<void> {
  const slot = new Date(Math.floor(at.getTime() / (seconds * 1000)) * seconds * 1000).toISOString();
  await deps.queue.send(name, { slot }, { key: slot, startAfter: new Date(slot) });
}
