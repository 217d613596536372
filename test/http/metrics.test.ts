import { createHmac } from "node:crypto";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware, Probot } from "probot";
import { kaizen } from "../../src/index.js";
import { createKaizenMetrics, observeWebhookAnswers, type KaizenMetrics } from "../../src/http/metrics.js";
import { observeJobs, type JobLog } from "../../src/queue/observe-jobs.js";
import type { JobHandler, JobMeta, JobQueue } from "../../src/queue/create-queue.js";
import { privateKey, startKaizen, WEBHOOK_SECRET, type RunningKaizen } from "../helpers/start-kaizen.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";

/** One sample's value from the text format, e.g. value(text, 'kaizen_jobs_total{name="x",outcome="completed"}'). */
function value(text: string, sample: string): number | null {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : null;
}

describe("GET /metrics", () => {
  let k: RunningKaizen;
  let server: Server;
  let base: string;
  let stopObserving: () => void;

  beforeAll(async () => {
    // The planning job stays queued (no worker takes it), so the queue gauges have something due to show.
    k = await startKaizen({ idleJobs: ["plan-evaluation"] });
    const metrics = createKaizenMetrics(k.pool);
    stopObserving = observeWebhookAnswers(metrics);
    const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(kaizen({ ...k.deps, workers: false, metrics }), { probot });
    // What no route takes gets a 404, as behind Probot's own server.
    server = createHttpServer(async (req, res) => {
      if (!(await middleware(req, res))) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    stopObserving();
    await new Promise((resolve) => server.close(resolve));
    await k.stop();
  });

  async function post(body: string, signed: boolean): Promise<number> {
    const headers: Record<string, string> = { "content-type": "application/json", "x-github-event": "deployment_status", "x-github-delivery": `m-${Math.random()}` };
    if (signed) headers["x-hub-signature-256"] = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
    return (await fetch(`${base}/api/github/webhooks`, { method: "POST", headers, body })).status;
  }

  it("counts and times webhook answers by event and outcome, and shows the due jobs", async () => {
    const body = JSON.stringify(deploymentStatusPayload({ statusId: 7001, createdAt: new Date() }));
    expect(await post(body, true)).toBeLessThan(300);
    expect(await post(body, false)).toBe(400);

    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(value(text, 'kaizen_webhooks_total{event="deployment_status",outcome="accepted"}')).toBe(1);
    expect(value(text, 'kaizen_webhooks_total{event="deployment_status",outcome="rejected"}')).toBe(1);
    expect(value(text, 'kaizen_webhook_answer_seconds_count{event="deployment_status"}')).toBe(2);
    expect(value(text, 'kaizen_queue_due_jobs{name="plan-evaluation"}')).toBe(1);
    expect(value(text, 'kaizen_queue_oldest_due_seconds{name="plan-evaluation"}')).toBeGreaterThanOrEqual(0);
    expect(value(text, "kaizen_process_resident_memory_bytes")).toBeGreaterThan(0);
  });

  it("leaves other requests to the routes after it", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/metrics`, { method: "POST" })).status).toBe(404);
  });
});

describe("observeJobs", () => {
  type Jobs = { work: { n: number } };
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const log: JobLog = {
    info: (fields, message) => lines.push({ level: "info", fields: fields as Record<string, unknown>, message }),
    warn: (fields, message) => lines.push({ level: "warn", fields: fields as Record<string, unknown>, message }),
    error: (fields, message) => lines.push({ level: "error", fields: fields as Record<string, unknown>, message }),
  };
  let metrics: KaizenMetrics;
  let registered: JobHandler<{ n: number }> | undefined;
  let giveUp: ((data: { n: number }, reason: string) => Promise<void>) | undefined;
  const queue: JobQueue<Jobs> = {
    send: async () => true,
    work: async (_name, handler, options) => {
      registered = handler as JobHandler<{ n: number }>;
      giveUp = options?.onGiveUp;
    },
    stop: async () => undefined,
  };

  beforeEach(() => {
    lines.length = 0;
    // No database: only the job instruments are read here.
    metrics = createKaizenMetrics({ query: async () => ({ rows: [] }) } as never);
  });

  async function run(meta: JobMeta, handler: JobHandler<{ n: number }>): Promise<unknown> {
    await observeJobs(queue, log, metrics).work("work", handler);
    return registered!({ n: 1 }, meta).then(
      () => null,
      (error: unknown) => error,
    );
  }

  it("writes one info line per completed job, with its name, id and attempt", async () => {
    expect(await run({ id: "j1", retryCount: 0, retryLimit: 5 }, async () => undefined)).toBeNull();
    expect(lines).toEqual([
      { level: "info", fields: expect.objectContaining({ job: "work", jobId: "j1", attempt: 1, outcome: "completed" }), message: expect.stringMatching(/^job work completed in \d+ ms$/) },
    ]);
    const text = await metrics.registry.metrics();
    expect(value(text, 'kaizen_jobs_total{name="work",outcome="completed"}')).toBe(1);
    expect(value(text, 'kaizen_job_seconds_count{name="work"}')).toBe(1);
  });

  it("warns on a failure that will be retried and rethrows it, so the queue retries", async () => {
    const error = await run({ id: "j2", retryCount: 1, retryLimit: 5 }, async () => {
      throw new Error("GitHub 502");
    });
    expect((error as Error).message).toBe("GitHub 502");
    expect(lines).toEqual([
      { level: "warn", fields: expect.objectContaining({ jobId: "j2", attempt: 2, outcome: "failed", reason: "GitHub 502" }), message: "job work failed, will retry: GitHub 502" },
    ]);
  });

  it("warns when the last attempt fails, and logs an error once the job is given up on", async () => {
    await run({ id: "j3", retryCount: 5, retryLimit: 5 }, async () => {
      throw new Error("still down");
    });
    expect(lines).toEqual([
      { level: "warn", fields: expect.objectContaining({ outcome: "failed" }), message: "job work failed its last attempt: still down" },
    ]);
    const given: string[] = [];
    await observeJobs(queue, log, metrics).work("work", async () => undefined, { onGiveUp: async (_data, reason) => void given.push(reason) });
    await giveUp!({ n: 1 }, "still down");
    expect(lines[1]).toMatchObject({ level: "error", fields: { job: "work", outcome: "gave-up" }, message: "job work given up on: still down" });
    expect(given).toEqual(["still down"]);
    expect(value(await metrics.registry.metrics(), 'kaizen_jobs_total{name="work",outcome="gave-up"}')).toBe(1);
  });
});
