import { setTimeout as sleep } from "node:timers/promises";
import type { GitHubClient } from "./github-client.js";

const honoured = new WeakSet<object>();

/** Longest wait GitHub may ask for that is waited out in the job; a longer one fails the attempt (the job retries later). */
const MAX_WAIT_SECONDS = 60;
const MAX_TRIES = 3;

/**
 * Waits as long as GitHub asks and sends again when it refuses a request for a secondary rate limit (403 or 429
 * with `Retry-After`). GitHub did not act on a refused request, so sending it again is safe even for a POST that
 * creates something. Probot's own throttling only logs secondary limits, and a job's retry would come back after
 * its own backoff rather than the time GitHub gave.
 */
export function honourRetryAfter<T extends GitHubClient>(octokit: T): T {
  if (honoured.has(octokit)) return octokit;
  honoured.add(octokit);
  octokit.hook.wrap("request", async (request, options) => {
    for (let tries = 1; ; tries++) {
      try {
        return await request(options);
      } catch (error) {
        const { status, response } = error as { status?: number; response?: { headers?: Record<string, string | undefined> } };
        const seconds = Number(response?.headers?.["retry-after"]);
        const limited = (status === 403 || status === 429) && Number.isFinite(seconds) && seconds >= 0;
        if (!limited || seconds > MAX_WAIT_SECONDS || tries >= MAX_TRIES) throw error;
        await sleep(seconds * 1000);
      }
    }
  });
  return octokit;
}
