import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { listRadarItems, listRadarRepos } from "./store/radar-items.js";
import { getRadarReviewForPeriod } from "./store/radar-reviews.js";
import { dueReviewPeriod } from "./model/due-review-period.js";
import { installationClient } from "../github/installation-client.js";

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
      await deps.queue.send("open-radar-review", { owner, repo, period }, { key: `${repoId}:${period}` });
    } catch (error) {
      failures.push(`${owner}/${repo}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) throw new Error(`radar reviews not checked for ${failures.join("; ")}`);
}
