import { lastOccurrence } from "./last-occurrence.js";

/**
 * The scheduled period whose review is due at `now`: the latest occurrence of the schedule, as its ISO time,
 * or null when the radar started after it (a new radar waits for the next occurrence instead of getting a review
 * on its first day). Whether that period's review exists already is the caller's to check.
 */
export function dueReviewPeriod(schedule: string, radarStartedAt: Date, now: Date): string | null {
  const occurrence = lastOccurrence(schedule, now);
  return occurrence < radarStartedAt ? null : occurrence.toISOString();
}
