import { CronExpressionParser } from "cron-parser";

/**
 * Whether `text` is a five-field cron expression the scheduler accepts. Checked with the parser pg-boss schedules
 * with, so a bad `radar.review.schedule` is reported when the config is read rather than when the job is created.
 */
export function isCron(text: string): boolean {
  if (text.trim().split(/\s+/).length !== 5) return false;
  try {
    CronExpressionParser.parse(text, { tz: "UTC" });
    return true;
  } catch {
    return false;
  }
}
