import type pg from "pg";
import type { KaizenMetrics } from "./http/metrics.js";
import type { JobData } from "./jobs.js";
import type { JobQueue } from "./queue/create-queue.js";
import type { SourceRegistry } from "./deployments/sources/create-source-registry.js";

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
  /** KAIZEN_PUBLIC_URL without a trailing slash: links to Kaizen's own pages (drift issues' graphs); unset, none. */
  publicUrl?: string;
  /** Kaizen's own metrics (`GET /metrics`); the app makes a registry of its own when none is given. */
  metrics?: KaizenMetrics;
}
