/** An instant as ISO 8601 in UTC to the second ("2026-05-01T12:00:00Z"): unambiguous for every reader's time zone. */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
