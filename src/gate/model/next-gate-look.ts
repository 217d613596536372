/** Never poll more often than this, nor less often than the maximum, whatever the gate's wait. */
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 60_000;

/**
 * When to look again at a pending evaluation: a tenth of the gate's wait (bounded), but never past the deadline,
 * so the "not evaluated in time" answer comes at `wait`, not a poll later. Null when the deadline has passed.
 */
export function nextGateLook(now: Date, deadline: Date, waitMs: number): Date | null {
  if (now.getTime() >= deadline.getTime()) return null;
  const poll = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, Math.round(waitMs / 10)));
  return new Date(Math.min(deadline.getTime(), now.getTime() + poll));
}
