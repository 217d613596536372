import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { strToU8 } from "fflate";
import { useTestDatabase } from "../helpers/test-database.js";
import { deploymentStatusPayload, workflowRunPayload } from "../helpers/webhook-payloads.js";
import { flatLatencyConfig, kaizenEnv, probe, spawnKaizen, startReportingGitHub, until, type KaizenProcess, type ReportingGitHub } from "../helpers/kaizen-process.js";
import { repeatedGoLines, uniqueGoNames, zipBomb } from "../benchmarks/hostile/hostile-helpers.js";

// Issue 10, items 2 and 3, against the built app as `npm start` runs it: one process, its heap capped at 96 MB, fed
// through signed webhooks a fork's artifact (a zip bomb, 198 000 unique benchmark names, 40 000 repeated lines) and
// a Prometheus that answers a 24 MB, 20 000-series matrix (a query missing its sum()). Before the limits, either
// one aborted the process (exit 134, heap out of memory). Now each is a clear problem or an Inconclusive verdict
// with the reason, and the process answers /healthz throughout.
const MiB = 1024 * 1024;
const CONFIG = `${flatLatencyConfig()}benchmarks:\n  workflows: [Benchmarks]\n`;
const ARTIFACT_ID = 901;
const RUN_ID = 30_000_000_911;

/** The fork's artifact: one fine result, then every attack of item 2. */
const ARTIFACT = zipBomb("c-bomb.txt", 16 * MiB, 1_000, {
  "a-fine.txt": strToU8("BenchmarkFine-8 100 12 ns/op\n"),
  "b-names.txt": strToU8(uniqueGoNames(198_000)),
  "d-repeated.txt": strToU8(repeatedGoLines(40_000).replaceAll("Parse", "Repeat")),
});

/** A matrix of `count` series over a window, each with `points` values: what a query without its sum() answers. */
function manySeries(count: number, points: number): Buffer {
  const values = JSON.stringify(Array.from({ length: points }, (_, i) => [1_700_000_000 + i * 60, "0.123456789"]));
  const series = Array.from({ length: count }, (_, i) => `{"metric":{"__name__":"latency_seconds","pod":"checkout-${i.toString(36).padStart(6, "0")}","instance":"10.0.${i % 256}.${i % 199}:9090"},"values":${values}}`);
  return Buffer.from(`{"status":"success","data":{"resultType":"matrix","result":[${series.join(",")}]}}`);
}

/** A Prometheus answering every query with `answer`; counts the queries. */
async function startHostilePrometheus(answer: Buffer): Promise<{ server: Server; url: string; queries(): number }> {
  let queries = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      queries++;
      res.writeHead(200, { "content-type": "application/json", "content-length": answer.length });
      res.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, queries: () => queries };
}

describe("the app under a 96 MB heap, fed hostile input through its webhooks", () => {
  let app: KaizenProcess | undefined;
  let github: ReportingGitHub;
  let prometheus: Awaited<ReturnType<typeof startHostilePrometheus>>;
  const answer = manySeries(20_000, 40);

  afterAll(async () => {
    await app?.kill();
    await github?.close();
    if (!prometheus) return;
    prometheus.server.closeAllConnections();
    await new Promise((resolve) => prometheus.server.close(resolve));
  });
  const db = useTestDatabase();

  beforeAll(async () => {
    expect(answer.length).toBeGreaterThan(20 * MiB);
    prometheus = await startHostilePrometheus(answer);
    github = await startReportingGitHub({
      config: CONFIG,
      route: ({ method, path }) => {
        if (method !== "GET") return undefined;
        if (/\/actions\/runs\/\d+\/artifacts$/.test(path)) {
          const artifact = { id: ARTIFACT_ID, name: "kaizen-benchmarks", size_in_bytes: ARTIFACT.length, expired: false, expires_at: "2027-01-01T00:00:00Z" };
          return { status: 200, json: { total_count: 1, artifacts: [artifact] } };
        }
        // GitHub redirects an artifact's download to blob storage, which serves the bytes.
        if (path.endsWith(`/actions/artifacts/${ARTIFACT_ID}/zip`)) return { status: 302, json: {}, headers: { location: `/blob/${ARTIFACT_ID}.zip` } };
        if (path === `/blob/${ARTIFACT_ID}.zip`) return { status: 200, bytes: ARTIFACT };
        // The fork's open pull requests: none (the run is reported on its check run).
        if (/^\/repos\/[^/]+\/[^/]+\/pulls$/.test(path)) return { status: 200, json: [] };
        return undefined;
      },
    });
    const env = await kaizenEnv({ databaseUrl: db.url, githubHost: github.host, prometheusUrl: prometheus.url });
    app = spawnKaizen(env, { nodeArgs: ["--max-old-space-size=96"] });
    await app.ready();
  });

  async function expectAlive(): Promise<void> {
    expect({ exitCode: app!.child.exitCode, signal: app!.child.signalCode }).toEqual({ exitCode: null, signal: null });
    expect(await probe(`http://127.0.0.1:${app!.port}/healthz`)).toBe(200);
    expect(app!.output()).not.toMatch(/heap out of memory|Allocation failed/i);
  }

  it("reads a fork's hostile artifact to problems with their fixes on the check run, and stays up", async () => {
    const payload = workflowRunPayload({ runId: RUN_ID, headSha: "9".repeat(40), headBranch: "main", forkOwner: "mallory" });
    expect((await app!.deliver("workflow_run", payload, "hostile-run")).status).toBeLessThan(300);

    const run = await until(
      "the run to be reported",
      async () => (await db.pool.query("select state, problems from benchmark_runs where github_run_id = $1 and state in ('reported', 'failed')", [RUN_ID])).rows[0],
      90,
    );
    await expectAlive();
    expect(run.state).toBe("reported");
    expect(run.problems.map((p: { file: string }) => p.file)).toEqual(["b-names.txt", "c-bomb.txt"]);
    const check = github.checkRuns.find((r) => r["name"] === "Kaizen benchmarks");
    const summary = JSON.stringify(check?.["output"]);
    expect(summary).toMatch(/more than 5000 benchmarks in one file/);
    expect(summary).toMatch(/decompresses to more than the 1000 B the zip declares/);
    const { rows } = await db.pool.query("select distinct r.benchmark from benchmark_results r join benchmark_runs b on b.id = r.run_id where b.github_run_id = $1 order by 1", [RUN_ID]);
    expect(rows.map((r) => r.benchmark)).toEqual(["BenchmarkFine-8", "BenchmarkRepeat-8"]);
  }, 120_000);

  it("refuses a 24 MB Prometheus answer, reports the deployment Inconclusive with the reason, and stays up", async () => {
    const payload = deploymentStatusPayload({ statusId: 9201, deploymentId: 9201, createdAt: new Date(Date.now() - 2 * 3600e3) });
    expect((await app!.deliver("deployment_status", payload, "hostile-deploy")).status).toBeLessThan(300);

    await until("the evaluation to be reported", async () => (await db.pool.query("select 1 from evaluations where github_status_id = 9201 and state = 'reported'")).rows[0], 90);
    await expectAlive();
    expect(prometheus.queries()).toBeGreaterThan(0);
    const check = github.checkRuns.find((r) => r["name"] === "Kaizen performance");
    const output = JSON.stringify(check?.["output"]);
    expect(check).toMatchObject({ conclusion: "neutral" });
    expect(output).toMatch(/Inconclusive/);
    expect(output).toMatch(/larger than 4 MiB, more than Kaizen reads/);
  }, 120_000);
});
