import { CronExpressionParser } from "cron-parser";

/** The latest time at or before `now` that the UTC cron expression names (validated with the config). */
export function lastOccurrence(cron: string, now: Date): Date {
  // prev() is strictly before its start: start a millisecond later so `now` itself counts.
  const expression = CronExpressionParser.parse(cron, { tz: "UTC", currentDate: new Date(now.getTime() + 1) });
  return expression.prev().toDate();
}
