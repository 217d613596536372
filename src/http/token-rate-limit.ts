import { createHash } from "node:crypto";

/** Requests one token may make: `burst` at once, refilled at `perMinute`. */
export interface RateLimitPolicy {
  burst: number;
  perMinute: number;
}

/**
 * The APIs' default: a dashboard or an export job asks a few times a minute; a loop asking faster would spend
 * the installation's GitHub rate limit (each answer reads the repository's config) for every other job.
 */
export const API_RATE_LIMIT: RateLimitPolicy = { burst: 20, perMinute: 60 };

/** Tokens remembered at once; the least recently seen are forgotten first (an attacker cannot grow memory). */
const MAX_TOKENS = 10_000;

/**
 * A token bucket per caller token, in memory (one process serves the APIs). Tokens are kept only as SHA-256
 * hashes. `take` answers 0 when the request may go ahead, else the seconds until it may (for `Retry-After`).
 */
export function tokenRateLimit(policy: RateLimitPolicy = API_RATE_LIMIT, now: () => number = Date.now) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const perMs = policy.perMinute / 60_000;
  return {
    take(token: string): number {
      const key = createHash("sha256").update(token).digest("base64url");
      const time = now();
      const bucket = buckets.get(key) ?? { tokens: policy.burst, at: time };
      buckets.delete(key);
      bucket.tokens = Math.min(policy.burst, bucket.tokens + (time - bucket.at) * perMs);
      bucket.at = time;
      buckets.set(key, bucket);
      if (buckets.size > MAX_TOKENS) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    },
  };
}
