import type { JobQueue } from "../queue/create-queue.js";
import type { RadarJobs } from "./jobs.js";

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
