import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

/** How much faster than production the tests wait: a second of production's waits is 10 ms here. */
const SPEED_UP = 100;

/**
 * Requests a GET answered 5xx gets in all: the first and plugin-retry's 3 retries. A mock of a failing read says
 * `.times(TRIES_ON_5XX)`; a POST that creates something is sent once (noBlindRetry).
 */
export const TRIES_ON_5XX = 4;

// plugin-throttling's limiter groups, as it creates them (module-global, shared by every client in the process,
// so write pacing carries over between clients as in production), with its minimum times between writes scaled.
const limiters = {
  global: new Bottleneck.Group({ id: "octokit-global", maxConcurrent: 10 }),
  auth: new Bottleneck.Group({ id: "octokit-auth", maxConcurrent: 1 }),
  search: new Bottleneck.Group({ id: "octokit-search", maxConcurrent: 1, minTime: 2000 / SPEED_UP }),
  write: new Bottleneck.Group({ id: "octokit-write", maxConcurrent: 1, minTime: 1000 / SPEED_UP }),
  notifications: new Bottleneck.Group({ id: "octokit-notifications", maxConcurrent: 1, minTime: 3000 / SPEED_UP }),
};

/**
 * The rate-limit handlers a Probot instance gives its clients (probot's get-octokit-throttle-options.ts, not
 * exported): a primary limit is waited out and retried twice, a secondary one only logged, not retried (the
 * installation client's honourRetryAfter does that). A client built inside a Probot gets Probot's own, which
 * replace these; one built directly (`new ProductionOctokit(...)`) gets these rather than ProbotOctokit's bare
 * defaults, which retry secondary limits too.
 */
const probotHandlers = {
  onRateLimit: (_retryAfter: number, options: { request: { retryCount: number } }) => options.request.retryCount <= 2,
  onSecondaryRateLimit: () => false,
};

/**
 * Probot's Octokit as production builds it — plugin-retry (3 retries of a 5xx GET, PATCH, PUT, DELETE) and
 * plugin-throttling (writes paced, Probot's rate-limit handlers) both on — with every wait 100× shorter: retry
 * delays, the throttling's `Retry-After` and its minimum times between writes. Function form: Probot's own
 * `.defaults()` replaces an object's `throttle` (ENVIRONMENT.md gotcha 3); this one receives Probot's handlers and
 * keeps them.
 */
export const ProductionOctokit = ProbotOctokit.defaults((options: Record<string, unknown>) => ({
  ...options,
  retry: { ...(options["retry"] as object | undefined), retryAfterBaseValue: 1000 / SPEED_UP },
  throttle: { ...probotHandlers, ...(options["throttle"] as object | undefined), retryAfterBaseValue: 1000 / SPEED_UP, ...limiters },
}));
