import { setTimeout as sleep } from "node:timers/promises";
import { intakeBusy, noteIntake, yieldToIntake } from "../../src/queue/yield-to-intake.js";

/** Three pieces of work started together, each 30 ms; what ran at once and when each started. */
async function runThree(keepBusy: boolean): Promise<{ most: number; starts: number[]; ends: number[] }> {
  let running = 0;
  let most = 0;
  const starts: number[] = [];
  const ends: number[] = [];
  const busy = keepBusy ? setInterval(noteIntake, 10) : undefined;
  if (keepBusy) noteIntake();
  try {
    await Promise.all(
      [0, 1, 2].map(() =>
        yieldToIntake(async () => {
          running += 1;
          most = Math.max(most, running);
          starts.push(performance.now());
          await sleep(30);
          ends.push(performance.now());
          running -= 1;
        }),
      ),
    );
  } finally {
    clearInterval(busy);
  }
  return { most, starts, ends };
}

describe("yieldToIntake", () => {
  it("runs background work at once and side by side while no delivery comes in", async () => {
    await sleep(60); // past any earlier intake
    expect(intakeBusy()).toBe(false);
    const { most } = await runThree(false);
    expect(most).toBe(3);
  });

  it("while deliveries keep coming, runs it one piece at a time, each followed by a pause three times its length", async () => {
    const { most, starts, ends } = await runThree(true);
    expect(most).toBe(1);
    for (let i = 1; i < 3; i += 1) {
      const length = ends[i - 1]! - starts[i - 1]!;
      // The next piece starts only after the pause (a timer may fire a millisecond early).
      expect(starts[i]! - ends[i - 1]!).toBeGreaterThanOrEqual(3 * length - 2);
    }
  });
});
