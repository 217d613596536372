import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import type pg from "pg";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Kaizen's own metrics, served at `GET /metrics` in Prometheus' text format (one registry per app). */
export interface KaizenMetrics {
  registry: Registry;
  webhooks: Counter<"event" | "outcome">;
  webhookSeconds: Histogram<"event">;
  jobs: Counter<"name" | "outcome">;
  jobSeconds: Histogram<"name">;
  configCache: Counter<"outcome">;
  redeliveries: Counter;
}

/**
 * The registry and its instruments. Queue depth and the age of the oldest due job are read from pg-boss's table at
 * scrape time, so they are right whichever replica ran the jobs.
 */
export function createKaizenMetrics(pool: pg.Pool): KaizenMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "kaizen_" });
  const registers = [registry];
  const webhooks = new Counter({ name: "kaizen_webhooks_total", labelNames: ["event", "outcome"] as const, registers,
    help: "Webhook deliveries answered, by event and outcome (accepted: 2xx, rejected: 4xx, failed: 5xx)." });
  const webhookSeconds = new Histogram({ name: "kaizen_webhook_answer_seconds", labelNames: ["event"] as const, registers,
    help: "Time from a delivery's request to Kaizen's answer.", buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10] });
  const jobs = new Counter({ name: "kaizen_jobs_total", labelNames: ["name", "outcome"] as const, registers,
    help: "Jobs settled, by name and outcome (completed; failed: retried later; gave-up: out of retries)." });
  const jobSeconds = new Histogram({ name: "kaizen_job_seconds", labelNames: ["name"] as const, registers,
    help: "Job run time by name (evaluate-deployment is the evaluation's duration).", buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
  const configCache = new Counter({ name: "kaizen_config_cache_total", labelNames: ["outcome"] as const, registers,
    help: "Repository file reads (kaizen.yml and its bases) by outcome: hit (cached, no GitHub call), revalidated (a 304), miss (read from GitHub)." });
  const redeliveries = new Counter({ name: "kaizen_redeliveries_total", registers,
    help: "Webhook deliveries Kaizen asked GitHub to redeliver (they had failed: Kaizen was down or answered 5xx)." });
  const dueJobs = async () =>
    (
      await pool.query<{ name: string; due: number; oldest: number }>(
        `select name, count(*)::int as due, coalesce(extract(epoch from now() - min(start_after)), 0)::float8 as oldest
         from pgboss.job where state in ('created', 'retry') and start_after <= now() group by name`,
      )
    ).rows;
  const queueGauge = (name: string, help: string, read: (row: { due: number; oldest: number }) => number) =>
    new Gauge({ name, help, labelNames: ["name"] as const, registers, async collect() {
      this.reset();
      for (const row of await dueJobs()) this.set({ name: row.name }, read(row));
    } });
  queueGauge("kaizen_queue_due_jobs", "Jobs due to run and not yet taken, by name.", (row) => row.due);
  queueGauge("kaizen_queue_oldest_due_seconds", "How long the oldest due job has been waiting, by name (absent when none waits).", (row) => row.oldest);
  return { registry, webhooks, webhookSeconds, jobs, jobSeconds, configCache, redeliveries };
}

/** `GET /metrics`: the registry in Prometheus' text format. Other requests pass through. */
export function handleMetrics(metrics: KaizenMetrics) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || path !== "/metrics") return false;
    const body = await metrics.registry.metrics();
    res.writeHead(200, { "content-type": metrics.registry.contentType });
    res.end(body);
    return true;
  };
}

/**
 * Counts and times every answer to a webhook delivery, from the HTTP server's own events (Node's diagnostics
 * channels): Probot answers webhooks before any handler of Kaizen's sees the request, so this is the only place the
 * whole answer can be timed. Returns the function that stops observing.
 */
export function observeWebhookAnswers(metrics: KaizenMetrics, webhookPath = "/api/github/webhooks"): () => void {
  const started = new WeakMap<IncomingMessage, bigint>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if ((request.url ?? "").split("?")[0] === webhookPath) started.set(request, process.hrtime.bigint());
  };
  const onFinish = (message: unknown) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const start = started.get(request);
    if (start === undefined) return;
    const header = request.headers["x-github-event"];
    const event = typeof header === "string" && /^[a-z_]{1,64}$/.test(header) ? header : "unknown";
    const status = response.statusCode;
    const outcome = status < 400 ? "accepted" : status < 500 ? "rejected" : "failed";
    metrics.webhooks.inc({ event, outcome });
    metrics.webhookSeconds.observe({ event }, Number(process.hrtime.bigint() - start) / 1e9);
  };
  subscribe("http.server.request.start", onStart);
  subscribe("http.server.response.finish", onFinish);
  return () => {
    unsubscribe("http.server.request.start", onStart);
    unsubscribe("http.server.response.finish", onFinish);
  };
}
