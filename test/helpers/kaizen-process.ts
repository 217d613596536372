import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { startLoopbackGitHub, type LoopbackGitHub } from "./loopback-github.js";
import { privateKey, WEBHOOK_SECRET } from "./start-kaizen.js";
import { INSTALLATION_ID } from "./webhook-payloads.js";

/** Polls `read` every 200 ms until it gives a truthy value, which it returns; fails after `seconds`. */
export async function until<T>(what: string, read: () => Promise<T | null | undefined> | T | null | undefined, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** GET on a fresh connection (no keep-alive: a pooled socket would outlive the listener): the status, or null. */
export function probe(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    request.on("error", () => resolve(null));
  });
}

export interface FlatPrometheus {
  server: Server;
  url: string;
  /** Range queries received since the last `hold()`. */
  requests(): number;
  /** Queries hang from now on (a query the app is in the middle of when it is killed). */
  hold(): void;
  /** Held queries are cut, as when the process that sent them died; later ones are answered. */
  release(): void;
  close(): Promise<void>;
}

/** A Prometheus answering every range query with one flat series over the asked window; `held` starts it holding. */
export function startFlatPrometheus({ held = false }: { held?: boolean } = {}): Promise<FlatPrometheus> {
  let waiting: ServerResponse[] = [];
  let hold = held;
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests++;
      if (hold) {
        waiting.push(res);
        return;
      }
      const form = new URLSearchParams(body);
      const start = Number(form.get("start")), end = Number(form.get("end")), step = Number(form.get("step"));
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) values.push([t, "0.2"]);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values }] } }));
    });
  });
  const release = () => {
    hold = false;
    for (const res of waiting) res.destroy();
    waiting = [];
  };
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests: () => requests,
        hold: () => {
          hold = true;
          requests = 0;
        },
        release,
        close: () => {
          release();
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      }),
    ),
  );
}

/** What the reporting GitHub was sent: every check run and comment it keeps, and every POST by path. */
export interface ReportingGitHub extends LoopbackGitHub {
  checkRuns: Array<Record<string, unknown> & { id: number; external_id?: string }>;
  comments: Array<{ id: number; issue: number; body: string }>;
  posts: string[];
}

/** kaizen.yml with one metric, `latency`, read from the flat Prometheus, issues off; `environments` when given. */
export const flatLatencyConfig = (environments?: string[]) => `deployments:
${environments ? `  environments: [${environments.join(", ")}]\n` : ""}  noise_windows: 0
metrics:
  - name: latency
    query: latency_seconds
issues:
  enabled: false
`;

/**
 * A GitHub (loopback Enterprise) that keeps what a deployment's report writes, so a retried report finds (and
 * does not duplicate) it: check runs listed by commit, issue comments listed and updated. `config` is the
 * repository's kaizen.yml (by default one metric, `latency`, read from the flat Prometheus, issues off); `pulls` the
 * pull requests every deployed commit belongs to; `route` answers first, for what a test adds (artifacts).
 */
export async function startReportingGitHub({
  config = flatLatencyConfig(),
  pulls = [],
  route,
}: { config?: string; pulls?: number[]; route?: Parameters<typeof startLoopbackGitHub>[0] } = {}): Promise<ReportingGitHub> {
  const checkRuns: ReportingGitHub["checkRuns"] = [];
  const comments: ReportingGitHub["comments"] = [];
  const posts: string[] = [];
  const github = await startLoopbackGitHub((request) => {
    const { method, path, body } = request;
    if (method === "POST") posts.push(path);
    const answered = route?.(request);
    if (answered) return answered;
    if (method === "POST" && path === `/app/installations/${INSTALLATION_ID}/access_tokens`)
      return { status: 201, json: { token: "ghs_loopback", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
    if (method === "GET" && path.endsWith("/contents/.github/kaizen.yml")) return { status: 200, text: config };
    // No failed delivery to recover.
    if (method === "GET" && path === "/app/hook/deliveries") return { status: 200, json: [] };
    if (method === "GET" && /\/commits\/[0-9a-f]+\/check-runs$/.test(path))
      return { status: 200, json: { total_count: checkRuns.length, check_runs: checkRuns } };
    if (method === "POST" && path.endsWith("/check-runs")) {
      const run = { id: 500 + checkRuns.length, ...(JSON.parse(body) as Record<string, unknown>) };
      checkRuns.push(run);
      return { status: 201, json: run };
    }
    const patchRun = /\/check-runs\/(\d+)$/.exec(path);
    if (method === "PATCH" && patchRun) return { status: 200, json: checkRuns.find((r) => r.id === Number(patchRun[1])) ?? {} };
    if (method === "GET" && /\/commits\/[0-9a-f]+\/pulls$/.test(path))
      return { status: 200, json: pulls.map((number) => ({ number, html_url: `https://github.example/pull/${number}`, state: "open" })) };
    const issueComments = /\/issues\/(\d+)\/comments$/.exec(path);
    if (method === "GET" && issueComments) return { status: 200, json: comments.filter((c) => c.issue === Number(issueComments[1])) };
    if (method === "POST" && issueComments) {
      const comment = { id: 900 + comments.length, issue: Number(issueComments[1]), body: (JSON.parse(body) as { body: string }).body };
      comments.push(comment);
      return { status: 201, json: comment };
    }
    const comment = /\/issues\/comments\/(\d+)$/.exec(path);
    if (method === "PATCH" && comment) {
      const found = comments.find((c) => c.id === Number(comment[1]));
      if (!found) return { status: 404, json: { message: "Not Found" } };
      found.body = (JSON.parse(body) as { body: string }).body;
      return { status: 200, json: found };
    }
    return undefined;
  });
  return { ...github, checkRuns, comments, posts };
}

/** The environment of `npm start` against a test's database, GitHub and Prometheus, on a free port. */
export async function kaizenEnv(options: { databaseUrl: string; githubHost: string; prometheusUrl: string }): Promise<NodeJS.ProcessEnv> {
  const dir = mkdtempSync(join(tmpdir(), "kaizen-process-"));
  const sources = join(dir, "sources.yml");
  writeFileSync(sources, `sources:\n  prometheus:\n    type: prometheus\n    url: ${options.prometheusUrl}\n    timeout: 60s\n    retries: 0\n`);
  return {
    PATH: process.env["PATH"],
    APP_ID: "123",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET,
    PORT: String(await freePort()),
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
    DATABASE_URL: options.databaseUrl,
    GHE_HOST: options.githubHost,
    GHE_PROTOCOL: "http",
    KAIZEN_SOURCES: sources,
    NODE_ENV: "production",
  };
}

/** The built app (lib/server.js) running as a child process, as `npm start` runs it. */
export interface KaizenProcess {
  child: ChildProcess;
  port: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Waits until it answers /healthz. */
  ready(): Promise<void>;
  /** SIGKILL, then waits for the exit. */
  kill(): Promise<void>;
  /** A signed webhook delivery to it, through its HTTP server. */
  deliver(event: string, payload: unknown, deliveryId: string): Promise<Response>;
}

/**
 * Starts lib/server.js with `env` (and `nodeArgs` before it, like `npm start`'s `--max-old-space-size=96`); the test
 * must kill it (kill() in afterAll/afterEach).
 */
export function spawnKaizen(env: NodeJS.ProcessEnv, { nodeArgs = [] }: { nodeArgs?: string[] } = {}): KaizenProcess {
  const child = spawn(process.execPath, [...nodeArgs, "lib/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = Number(env["PORT"]);
  return {
    child,
    port,
    output: () => log,
    exited,
    async ready() {
      await until("the app to answer /healthz", async () => (await probe(`http://127.0.0.1:${port}/healthz`)) === 200, 30);
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    deliver: (event, payload, deliveryId) => deliverWebhook(port, event, payload, deliveryId),
  };
}

/** POSTs a delivery signed with the test secret to a Kaizen on `port`, as GitHub does. */
export function deliverWebhook(port: number, event: string, payload: unknown, deliveryId: string): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
  return fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": deliveryId, "x-hub-signature-256": signature },
    body,
  });
}
