import { CronExpressionParser } from "cron-parser";

/**
 * The scheduled period whose review is due at `now`: the latest occurrence of the schedule, as its ISO time,
 * or null when the radar started after it (a new radar waits for the next occurrence instead of getting a review
 * on its first day). Whether that period's review exists already is the caller's to check.
 */
export function dueReviewPeriod(schedule: string, radarStartedAt: Date, now: Date): string | null {
  const occurrence = lastOccurrence(schedule, now);
  return occurrence < radarStartedAt ? null : occurrence.toISOString();
}

/** The latest time at or before `now` that the UTC cron expression names (validated with the config). */
export function lastOccurrence(cron: string, now: Date): Date {
  // prev() is strictly before its start: start a millisecond later so `now` itself counts.
  const expression = CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(now.getTime() + 1) });
  return expression.prev().toDate();
}
