import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, get, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../helpers/free-port.js";
import { startLoopbackGitHub, type LoopbackGitHub } from "../helpers/loopback-github.js";
import { privateKey, WEBHOOK_SECRET } from "../helpers/start-kaizen.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";

const CONFIG = `deployments:
  noise_windows: 0
metrics:
  - name: latency
    query: latency_seconds
issues:
  enabled: false
`;

/**
 * A Prometheus that hangs while `hold` is set (a query the app is in the middle of when it is killed), and otherwise
 * answers every range query with one flat series over the asked window.
 */
function startPrometheus(): Promise<{ server: Server; url: string; requests: () => number; hold: () => void; release: () => void }> {
  let held: ServerResponse[] = [];
  let hold = true;
  let requests = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      requests++;
      if (hold) {
        held.push(res);
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
        release: () => {
          hold = false;
          // Held queries are cut, as when the process that sent them died; the sender's retry gets a real answer.
      for (const res of held) res.destroy();
          held = [];
        },
      }),
    ),
  );
}

/** GET on a fresh connection (no keep-alive: a pooled socket would outlive the listener): the status, or null. */
function probe(url: string): Promise<number | null> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? null);
    });
    request.on("error", () => resolve(null));
  });
}

async function until<T>(what: string, read: () => Promise<T | null | undefined> | T | null | undefined, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("the app as a real process", () => {
  let db: TestDatabase;
  let github: LoopbackGitHub;
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  let app: ChildProcess | undefined;
  let port: number;
  let env: NodeJS.ProcessEnv;
  const checkRuns: Array<Record<string, unknown>> = [];
  let log = "";

  beforeAll(async () => {
    db = await createTestDatabase();
    prometheus = await startPrometheus();
    // A GitHub that keeps the check runs it is given, so a retried report would find (not duplicate) one.
    github = await startLoopbackGitHub(({ method, path, body }) => {
      if (method === "POST" && path === `/app/installations/${INSTALLATION_ID}/access_tokens`)
        return { status: 201, json: { token: "ghs_loopback", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
      if (method === "GET" && path.endsWith("/contents/.github/kaizen.yml")) return { status: 200, text: CONFIG };
      if (method === "GET" && /\/commits\/[0-9a-f]+\/check-runs$/.test(path))
        return { status: 200, json: { total_count: checkRuns.length, check_runs: checkRuns } };
      if (method === "POST" && path.endsWith("/check-runs")) {
        const run = { id: 500 + checkRuns.length, ...(JSON.parse(body) as Record<string, unknown>) };
        checkRuns.push(run);
        return { status: 201, json: run };
      }
      if (method === "GET" && /\/commits\/[0-9a-f]+\/pulls$/.test(path)) return { status: 200, json: [] };
      return undefined;
    });
    const dir = mkdtempSync(join(tmpdir(), "kaizen-crash-"));
    const sources = join(dir, "sources.yml");
    writeFileSync(sources, `sources:\n  prometheus:\n    type: prometheus\n    url: ${prometheus.url}\n    timeout: 60s\n    retries: 0\n`);
    port = await freePort();
    env = {
      PATH: process.env["PATH"],
      APP_ID: "123",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      DATABASE_URL: db.url,
      GHE_HOST: github.host,
      GHE_PROTOCOL: "http",
      KAIZEN_SOURCES: sources,
      NODE_ENV: "production",
    };
  });
  afterAll(async () => {
    app?.kill("SIGKILL");
    prometheus.release();
    await new Promise((resolve) => prometheus.server.close(resolve));
    await github.close();
    await db.drop();
  });

  function start(): ChildProcess {
    const child = spawn(process.execPath, ["lib/server.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (log += chunk.toString()));
    return child;
  }

  async function ready(): Promise<void> {
    await until("the app to answer /healthz", async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 30);
  }

  async function evaluationState(statusId: number): Promise<string | null> {
    const { rows } = await db.pool.query<{ state: string }>(
      "select state from evaluations where github_status_id = $1",
      [statusId],
    );
    return rows[0]?.state ?? null;
  }

  async function deliver(statusId: number): Promise<Response> {
    // Deployed two hours ago: both windows have passed, so the evaluation runs at once.
    const body = JSON.stringify(deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: new Date(Date.now() - 2 * 3600e3) }));
    const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(body).digest("hex")}`;
    return fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-github-event": "deployment_status", "x-github-delivery": `d-${statusId}`, "x-hub-signature-256": signature },
      body,
    });
  }

  it("takes a job up again after its worker was SIGKILLed mid-job, and reports it once", async () => {
    app = start();
    await ready();
    expect((await deliver(9101)).status).toBeLessThan(300);

    // The evaluation job is querying Prometheus (which holds the answer) when the process dies.
    await until("the evaluation's first Prometheus query", () => prometheus.requests() > 0, 30);
    app.kill("SIGKILL");
    await new Promise((resolve) => app!.once("exit", resolve));
    expect(checkRuns).toEqual([]);

    prometheus.release();
    const restartedAt = Date.now();
    app = start();
    await ready();
    const state = await until("the evaluation to be reported", async () => ((await evaluationState(9101)) === "reported" ? "reported" : null), 60);
    const seconds = (Date.now() - restartedAt) / 1000;

    expect(state).toBe("reported");
    expect(seconds).toBeLessThan(60);
    expect(checkRuns).toHaveLength(1);
    expect(checkRuns[0]).toMatchObject({ name: "Kaizen performance", conclusion: "success" });
    // The job's outcome is in the logs at info level, with its name.
    expect(log).toMatch(/"job":"evaluate-deployment".*"outcome":"completed"/);
  }, 120_000);

  it("on SIGTERM refuses new deliveries, lets the running job finish and exits 0", async () => {
    prometheus.hold();
    const reported = checkRuns.length;
    await until("the app from the last test to answer", async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.ok, 30);
    expect((await deliver(9102)).status).toBeLessThan(300);
    await until("the evaluation's first Prometheus query", () => prometheus.requests() > 0, 30);

    const exited = new Promise<number | null>((resolve) => app!.once("exit", (code) => resolve(code)));
    const signalledAt = Date.now();
    app!.kill("SIGTERM");
    await until("the listener to close", async () => ((await probe(`http://127.0.0.1:${port}/healthz`)) === null ? true : null), 10);
    // The held query now fails the way a real one would if cut; the job's own retry is after the exit, so the
    // process must exit within the drain time whatever the job does.
    setTimeout(() => prometheus.release(), 500);
    const code = await exited;
    app = undefined;

    expect(code).toBe(0);
    expect((Date.now() - signalledAt) / 1000).toBeLessThan(15);
    expect(log).toMatch(/SIGTERM: closing the webhook listener and draining jobs/);
    // Nothing was reported twice; the evaluation is either reported or handed back to be retried by the next process.
    expect(checkRuns.length).toBeLessThanOrEqual(reported + 1);
    expect(["reported", "scheduled"]).toContain(await evaluationState(9102));
  }, 60_000);
});
