import type pg from "pg";
import type { KaizenMetrics } from "./http/metrics.js";
import type { JobData } from "./jobs.js";
import type { JobQueue } from "./queue/create-queue.js";
import type { WebhookInbox } from "./queue/webhook-inbox.js";
import type { SourceRegistry } from "./deployments/sources/create-source-registry.js";
import type { DashboardSettings } from "./web/dashboard-settings.js";

/**
 * Everything the handlers and pipelines need from the outside world, built once by the server (or a test)
 * and passed down explicitly, so nothing reaches for globals or process.env.
 */
export interface AppDeps {
  pool: pg.Pool;
  queue: JobQueue<JobData>;
  sources: SourceRegistry;
  /** The clock; tests and backfills pin it. */
  now: () => Date;
  /** Run the job workers in this process (a webhook-only replica leaves them to others). */
  workers: boolean;
  /**
   * How long a cached repository file (kaizen.yml and its bases) is used without asking GitHub before it is
   * revalidated with its ETag (default 600 s; a push to the default branch forgets it at once). Tests of other
   * features pass 0: each of their reads then reaches their GitHub mock, as before the cache.
   */
  configFreshSeconds?: number;
  /**
   * Scan the app's webhook deliveries at start and every 5 minutes and ask GitHub to redeliver the failed ones
   * (default true). Tests of other features turn it off: their GitHub mock would meet the scan's calls.
   */
  recoverDeliveries?: boolean;
  /** How long a removed repository's data is kept (KAIZEN_RETENTION; default 30 days), in ms. */
  retentionMs?: number;
  /** Kaizen's own metrics (`GET /metrics`); the app makes a registry of its own when none is given. */
  metrics?: KaizenMetrics;
  /** KAIZEN_PUBLIC_URL without a trailing slash: comments and issues link the dashboard's pages under it; unset, they do not. */
  publicUrl?: string;
  /**
   * True once the process is stopping (SIGTERM): webhooks are answered 503 (GitHub records them as failed and
   * they are asked for again) and /healthz says "draining", while running jobs finish.
   */
  draining?: () => boolean;
  /**
   * Store signed webhooks in the inbox and answer at once; their handlers run from it afterwards, in the processes
   * that run workers (src/queue/webhook-inbox.ts). `npm start` does; left out, handlers run before the answer, as
   * in the tests that hand deliveries to Probot directly. Called with the inbox, so the server can stop its drain.
   */
  inbox?: (inbox: WebhookInbox) => void;
  /** Dashboard login (GitHub OAuth client, session key, public URL); unset, the pages say what to configure. */
  dashboard?: DashboardSettings;
}
