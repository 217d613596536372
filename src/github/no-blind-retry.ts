import type { GitHubClient } from "./github-client.js";

const guarded = new WeakSet<object>();

/**
 * Turns off Octokit's automatic retry (plugin-retry: 3 more tries on a 5xx) for POST requests. A POST creates
 * something — an issue, a comment, a check run — and a 502 does not say whether GitHub created it before failing:
 * a blind retry can make two. The job's own retry runs instead, and the steps check first (by marker, external id or
 * listing) whether the first attempt landed. Reads and in-place updates (GET, PATCH, PUT, DELETE) are idempotent and
 * keep the automatic retry; secondary rate limits (403/429) are the throttling plugin's, which waits the time GitHub
 * asks and then sends the request GitHub refused, so that one cannot have landed.
 */
export function noBlindRetry<T extends GitHubClient>(octokit: T): T {
  if (guarded.has(octokit)) return octokit;
  guarded.add(octokit);
  octokit.hook.before("request", (options) => {
    if (options.method !== "POST") return;
    options.request = { ...options.request, retries: 0 };
  });
  return octokit;
}
