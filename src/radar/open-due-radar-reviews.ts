import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { listRadarItems, listRadarRepos } from "./store/radar-items.js";
import { getRadarReviewForPeriod } from "./store/radar-reviews.js";
import { dueReviewPeriod } from "./model/due-review-period.js";
import { installationClient } from "../github/installation-client.js";
import type { JobQueue } from "../queue/create-queue.js";
import type { RadarJobs } from "./jobs.js";

/**
 * The hourly `radar-reviews-due` tick: queues an `open-radar-review` job for each radar whose schedule has
 * passed an occurrence with no review yet. The schedule lives in each repository's kaizen.yml, which can change
 * at any commit, so it is read again on every tick instead of being copied into one pg-boss schedule per
 * repository that would have to be kept in step. Jobs are keyed by repository and period: one review each.
 *
 * 1. db     — every repository with radar items.
 * 2. config — its kaizen.yml; no `radar:` section (or a broken file) → skipped this time.
 * 3. radar  — the due period (dueReviewPeriod), unless the radar is newer than it.
 * 4. db     — that period's review exists → nothing; else the job is queued.
 * A repository that fails does not stop the others; the tick then fails and is retried.
 */
export async function openDueRadarReviews(app: Probot, deps: AppDeps): Promise<void> {
  const failures: string[] = [];
  for (const radarRepo of await listRadarRepos(deps.pool)) {
    const { owner, repo, repoId } = radarRepo;
    try {
      const octokit = await installationClient(app, radarRepo.installationId);
      const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
      if (loaded.status !== "ok" || !loaded.config.radar) continue;
      const items = await listRadarItems(deps.pool, repoId, "radar");
      const startedAt = new Date(Math.min(...items.map((item) => item.createdAt.getTime())));
      const period = dueReviewPeriod(loaded.config.radar.review.schedule, startedAt, deps.now());
      if (period === null || (await getRadarReviewForPeriod(deps.pool, repoId, period))) continue;
      await deps.queue.send("open-radar-review", { repoId, owner, repo, period }, { key: `${repoId}:${period}` });
    } catch (error) {
      failures.push(`${owner}/${repo}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`radar reviews not checked for ${failures.join("; ")}`);
}

const HOUR_MS = 3_600_000;

/**
 * Queues the `radar-reviews-due` tick for the start of the hour after `now`, keyed by that hour, so every
 * process (at start-up) and every tick (for the next one) asking for the same hour queue one job between them.
 * The queue runs on real time, so callers pass the wall clock, not the app's (possibly pinned) clock.
 */
export async function scheduleRadarReviewsDue(queue: JobQueue<RadarJobs>, now: Date): Promise<void> {
  const next = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  const hour = next.toISOString().slice(0, 13);
  await queue.send("radar-reviews-due", { hour }, { key: hour, startAfter: next });
}
