import { setTimeout as sleep } from "node:timers/promises";
import { run } from "probot";
import { kaizen } from "./index.js";
import { readEnv, probotEnv } from "./config/read-env.js";
import { loadSourcesFile } from "./config/load-sources-file.js";
import { createSourceRegistry } from "./deployments/sources/create-source-registry.js";
import { createPool } from "./db/create-pool.js";
import { migrate } from "./db/migrate.js";
import { startEmbeddedPostgres } from "./db/start-embedded-postgres.js";
import { createQueue } from "./queue/create-queue.js";
import type { WebhookInbox } from "./queue/webhook-inbox.js";
import { createKaizenMetrics, observeWebhookAnswers } from "./http/metrics.js";
import { JOB_NAMES, type JobData } from "./jobs.js";
import { dashboardSettings } from "./web/dashboard-settings.js";

/**
 * `npm start`: the whole app in one process.
 *
 * 1. env      — read and validated once; a bad value stops here with what to set.
 * 2. database — DATABASE_URL, or an embedded PostgreSQL in KAIZEN_DATA_DIR; pending migrations applied.
 * 3. sources  — the operator's KAIZEN_SOURCES file (repos only ever name these).
 * 4. queue    — pg-boss in the same database.
 * 5. probot   — webhooks, /healthz and the job workers; without APP_ID, Probot's setup page registers the
 *               app from app.yml.
 */
/** How long a stopping process lets running jobs finish (Kubernetes gives 30 s before SIGKILL by default). */
const DRAIN_SECONDS = 10;

async function main(): Promise<void> {
  const env = readEnv();

  const embedded = env.databaseUrl ? null : await startEmbeddedPostgres(env.dataDir);
  const databaseUrl = env.databaseUrl ?? embedded!.url;
  const pool = createPool(databaseUrl);
  await migrate(pool);

  const sources = createSourceRegistry(env.sourcesPath ? loadSourcesFile(env.sourcesPath, env.variables) : { sources: {} });
  const queue = await createQueue<JobData>({ connectionString: databaseUrl, jobNames: JOB_NAMES });

  const metrics = createKaizenMetrics(pool);
  observeWebhookAnswers(metrics);
  let stopping = false;
  let inbox: WebhookInbox | undefined;
  const server = await run(kaizen({ pool, queue, sources, now: () => new Date(), draining: () => stopping, inbox: (started) => (inbox = started), workers: env.workers, retentionMs: env.retentionMs, metrics, publicUrl: env.publicUrl, dashboard: dashboardSettings(env) }), { env: probotEnv(env) });

  // Probot's own SIGINT handler exits as soon as the HTTP server closes, before running jobs finish: ours replaces it.
  process.removeAllListeners("SIGINT");
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.info(`${signal}: refusing webhooks (503) and draining jobs (at most ${DRAIN_SECONDS} s)`);
    // From here deliveries are answered 503 (GitHub records them as failed; delivery recovery asks for them
    // again) and /healthz says "draining", while running jobs get DRAIN_SECONDS to finish; pg-boss hands back
    // what is still running, to be retried elsewhere. Then the listener closes.
    // Stored deliveries not yet handled stay in the inbox for the next process.
    await Promise.all([Promise.race([inbox?.stop(), sleep(DRAIN_SECONDS * 1000)]), queue.stop(DRAIN_SECONDS)]);
    await server.stop();
    // A handler abandoned by the drain may still hold a client: don't let closing the pool hang the exit.
    await Promise.race([pool.end(), sleep(2000)]);
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
