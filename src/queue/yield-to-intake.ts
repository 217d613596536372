import { setTimeout as sleep } from "node:timers/promises";

// A delivery stored within this long ago means deliveries are still coming in.
const INTAKE_BUSY_MS = 50;

let lastStored = Number.NEGATIVE_INFINITY;
let pacing: Promise<void> = Promise.resolve();

/** The webhook intake stored a delivery: background work in this process steps back for a while. */
export function noteIntake(): void {
  lastStored = performance.now();
}

/** Whether deliveries are coming in to this process's intake right now. */
export function intakeBusy(): boolean {
  return performance.now() - lastStored < INTAKE_BUSY_MS;
}

/**
 * Runs background work (a job, a drain of the webhook inbox) so that it never starves the webhook answers of this
 * process: while deliveries keep coming, such work runs one piece at a time, each followed by a pause three times
 * its length, so together they take at most about a quarter of one core and the answers come first. What waits is
 * already stored (a queued job, an inbox row), and runs at full pace once the burst is over. With no intake in this
 * process (a worker replica) nothing is ever paced.
 */
export async function yieldToIntake<T>(work: () => Promise<T>): Promise<T> {
  if (!intakeBusy()) return work();
  const turn = pacing;
  let done!: () => void;
  pacing = new Promise<void>((resolve) => (done = resolve));
  await turn;
  const started = performance.now();
  try {
    return await work();
  } finally {
    if (intakeBusy()) await sleep(3 * (performance.now() - started));
    done();
  }
}
