import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Probot } from "probot";
import type pg from "pg";
import { kaizen } from "../../src/index.js";
import type { AppDeps } from "../../src/app-deps.js";
import { createQueue, type JobQueue } from "../../src/queue/create-queue.js";
import { JOB_NAMES, type JobData } from "../../src/jobs.js";
import type { JobName } from "../../src/jobs.js";
import { parseSourcesFile } from "../../src/config/load-sources-file.js";
import { createSourceRegistry } from "../../src/deployments/sources/create-source-registry.js";
import { createTestDatabase } from "./test-database.js";
import { ProductionOctokit } from "./production-octokit.js";

export const WEBHOOK_SECRET = "kaizen-test-secret";
export const privateKey = readFileSync(join(process.cwd(), "test/fixtures/github/mock-cert.pem"), "utf8");

const DORA_JOBS = JOB_NAMES.filter((name) => name.startsWith("dora-"));

export interface RunningKaizen {
  probot: Probot;
  deps: AppDeps;
  pool: pg.Pool;
  databaseUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole app as production wires it — real Postgres (a fresh database per call), real pg-boss workers,
 * the real Prometheus from global setup — with GitHub left to nock.
 */
export async function startKaizen(
  options: {
    now?: () => Date;
    prometheusUrl?: string;
    retryLimit?: number;
    /** Jobs no worker takes, so a test sees them queued (in pgboss.job) without running what they start. */
    idleJobs?: JobName[];
    /**
     * Run DORA's jobs (they read GitHub after every deployment, merged pull request and installation). Off by
     * default, so a test of another feature meets only its own GitHub calls in nock.
     */
    dora?: boolean;
    /** GitHub's API base URL (a loopback GitHub Enterprise); api.github.com, for nock, when left out. */
    baseUrl?: string;
    /** KAIZEN_PUBLIC_URL: comments and issues link the dashboard under it; none when left out. */
    publicUrl?: string;
    /** How long cached config files stay fresh (AppDeps.configFreshSeconds); 0, every read asks GitHub, by default. */
    configFreshSeconds?: number;
  } = {},
): Promise<RunningKaizen> {
  const db = await createTestDatabase();
  const created = await createQueue<JobData>({ jobNames: JOB_NAMES, connectionString: db.url, retryDelaySeconds: 1, retryLimit: options.retryLimit });
  const idle = new Set<JobName>([...(options.idleJobs ?? []), ...(options.dora ? [] : DORA_JOBS)]);
  const queue: JobQueue<JobData> = { ...created, work: (name, ...rest) => (idle.has(name) ? Promise.resolve() : created.work(name, ...rest)) };
  const prometheusUrl = options.prometheusUrl ?? process.env["KAIZEN_TEST_PROMETHEUS_URL"];
  const sourcesYaml = `sources:\n  prometheus:\n    type: prometheus\n    url: ${prometheusUrl}\n    timeout: 2s\n    retries: 1\n`;
  const sources = createSourceRegistry(parseSourcesFile(sourcesYaml, {}, "test-sources.yml"));
  const deps: AppDeps = { pool: db.pool, queue, sources, now: options.now ?? (() => new Date()), workers: true, publicUrl: options.publicUrl, configFreshSeconds: options.configFreshSeconds ?? 0, recoverDeliveries: false };
  const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal", ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) });
  await probot.load(kaizen(deps), { cwd: process.cwd(), addHandler: () => undefined });
  return {
    probot,
    deps,
    pool: db.pool,
    databaseUrl: db.url,
    async stop() {
      await queue.stop();
      await db.drop();
    },
  };
}

/** Waits until the evaluation for a GitHub deployment status reaches a final state, and returns that state. */
export async function waitForEvaluation(pool: pg.Pool, githubStatusId: number, timeoutMs = 20000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ state: string }>(
      "select state from evaluations where github_status_id = $1",
      [githubStatusId],
    );
    const state = rows[0]?.state;
    if (state && ["reported", "skipped", "config-error", "failed"].includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`evaluation for status ${githubStatusId} still ${state ?? "missing"}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
