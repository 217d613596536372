import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { listActiveMutes } from "../db/verdict-feedback.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { installationClient } from "../github/installation-client.js";
import type { JobQueue } from "../queue/create-queue.js";
import { assessDrift, newestCheck } from "./assess-drift.js";
import type { DeploymentJobs } from "./jobs.js";
import { listRecentlyEvaluated } from "./store/metric-levels.js";
import { syncDriftIssues } from "./sync-drift-issues.js";

const DAY_MS = 86_400_000;
// Environments evaluated within this long are checked daily: the longest drift.window anyone is likely to set.
const DAILY_LOOKBACK_MS = 90 * DAY_MS;

/**
 * The daily `drift-checks-due` tick: queues a `check-drift` job for every repository and environment with an
 * evaluated deploy in the last 90 days, keyed by day, so each is checked once a day even when nothing deploys
 * (the window slides; an evaluation's own check may have failed).
 */
export async function queueDailyDriftChecks(deps: AppDeps, day: string): Promise<void> {
  const since = new Date(deps.now().getTime() - DAILY_LOOKBACK_MS);
  for (const target of await listRecentlyEvaluated(deps.pool, since)) {
    const key = `${target.repoId}:${target.environment}:${day}`;
    await deps.queue.send("check-drift", target, { key });
  }
}

/**
 * Queues the `drift-checks-due` tick for the start of the next UTC day after `now`, keyed by that day, so every
 * process (at start-up) and every tick (for the next one) asking for the same day queue one tick between them.
 */
export async function scheduleDriftChecksDue(queue: JobQueue<DeploymentJobs>, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS + DAY_MS);
  const day = next.toISOString().slice(0, 10);
  await queue.send("drift-checks-due", { day }, { key: day, startAfter: next });
}

/**
 * One repository and environment's drift check outside an evaluation (the daily run): config → assessDrift →
 * drift issues (none opened for a muted metric), under the same lock the evaluations report under. No file, drift
 * or issues off, or the environment no longer configured: nothing.
 */
export async function checkDrift(app: Probot, deps: AppDeps, job: DeploymentJobs["check-drift"]): Promise<void> {
  const { owner, repo, repoId, environment } = job;
  const octokit = await installationClient(app, job.installationId);
  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status !== "ok") return;
  const { config } = loaded;
  if (!config.drift.enabled || !config.issues.enabled || !config.deployments.environments.includes(environment)) return;
  await withAdvisoryLock(deps.pool, `kaizen-report:${repoId}:${environment}`, async () => {
    const drifts = await assessDrift(deps.pool, { repoId, environment, config, now: deps.now() });
    const checkedBy = newestCheck(drifts, { evaluationId: job.evaluationId, statusAt: new Date(0) });
    const sync = { repo: { owner, repo }, repoId, environment, drifts, labels: config.issues.labels, window: config.drift.window };
    const mutes = await listActiveMutes(deps.pool, repoId, deps.now());
    await syncDriftIssues(octokit, deps.pool, { ...sync, publicUrl: deps.publicUrl, checkedBy, mutes });
  });
}
