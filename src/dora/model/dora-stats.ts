const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Hours between two instants. */
export function hoursBetween(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / HOUR;
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The p-th percentile by nearest rank: the smallest value with at least p% of them at or below it. Always one of
 * the values, so a team can find the change it belongs to; null for none.
 */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The Monday 00:00 UTC that starts the week of `at` (ISO weeks). */
export function weekStart(at: Date): Date {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY);
}

/** The weeks (their Mondays) that overlap [from, to). */
export function weeksBetween(from: Date, to: Date): Date[] {
  const weeks: Date[] = [];
  for (let week = weekStart(from); week < to; week = new Date(week.getTime() + 7 * DAY)) weeks.push(week);
  return weeks;
}

/** `2026-03-02`: a UTC calendar day. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** `part / whole`, or null when there is nothing to divide. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
