import type pg from "pg";
import type { KaizenMetrics } from "./http/metrics.js";
import type { JobData } from "./jobs.js";
import type { JobQueue } from "./queue/create-queue.js";
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
  /** Kaizen's own metrics (`GET /metrics`); the app makes a registry of its own when none is given. */
  metrics?: KaizenMetrics;
  /** KAIZEN_PUBLIC_URL without a trailing slash: comments and issues link the dashboard's pages under it; unset, they do not. */
  publicUrl?: string;
  /** Dashboard login (GitHub OAuth client, session key, public URL); unset, the pages say what to configure. */
  dashboard?: DashboardSettings;
}
