import type { AppDeps } from "../app-deps.js";
import { markConfirmationsPending } from "./store/confirmations.js";
import type { TimeWindow } from "../analysis/time-window.js";

/**
 * Holds back the improvement issues of these regressed metrics until the window right after the candidate
 * — [candidate end, candidate end + confirm) — shows the same regression: marks them pending and queues the
 * evaluation's one confirmation job for when that window closes, or at once when it already has (a late event,
 * a backfill). Both writes are idempotent, so a retried evaluation queues nothing twice.
 */
export async function requestConfirmation(
  deps: AppDeps,
  request: { evaluationId: number; candidate: TimeWindow; confirmMs: number; metricNames: readonly string[] },
): Promise<void> {
  const { evaluationId, candidate, confirmMs, metricNames } = request;
  if (metricNames.length === 0) return;
  const window = { start: candidate.end, end: new Date(candidate.end.getTime() + confirmMs) };
  await markConfirmationsPending(deps.pool, evaluationId, metricNames, window);
  const startAfter = window.end > deps.now() ? window.end : undefined;
  await deps.queue.send("confirm-regressions", { evaluationId }, { key: String(evaluationId), startAfter });
}
