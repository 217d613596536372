import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "../../src/db/start-embedded-postgres.js";
import { freePort } from "../helpers/free-port.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";
import { kaizenEnv, probe, spawnKaizen, until, type KaizenProcess } from "../helpers/kaizen-process.js";
import { useLoopbackPeers } from "../helpers/use-loopback-peers.js";

/**
 * PostgreSQL restarted under load. A PostgreSQL of this test's own (the embedded one `npm start` uses), never the
 * machine's shared server: the app runs as a real process on it while it is stopped and started again.
 */
describe("the app while its PostgreSQL restarts", () => {
  let dir: string;
  let port: number;
  let database: EmbeddedDatabase | undefined;
  let app: KaizenProcess | undefined;

  // Added first, so the process is killed before what it uses is closed.
  afterAll(async () => {
    await app?.kill();
    await database?.stop();
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
  const { github, prometheus } = useLoopbackPeers();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "kaizen-pg-restart-"));
    await chmod(dir, 0o755); // the server runs as the postgres user
    port = await freePort();
    database = await startEmbeddedPostgres(join(dir, "data"), { port });
  }, 120_000);

  function deliver(statusId: number): Promise<Response> {
    const payload = deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: new Date(Date.now() - 2 * 3600e3) });
    return app!.deliver("deployment_status", payload, `pg-${statusId}`);
  }

  async function reportedCount(): Promise<number> {
    const client = new pg.Client({ connectionString: database!.url });
    await client.connect();
    try {
      return (await client.query<{ n: number }>("select count(*)::int as n from evaluations where state = 'reported'")).rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  it("answers 5xx while it is down (GitHub records them as failed), and loses nothing once it is back", async () => {
    app = spawnKaizen(await kaizenEnv({ databaseUrl: database!.url, githubHost: github.host, prometheusUrl: prometheus.url }));
    await app.ready();
    for (const id of [1, 2, 3, 4]) expect((await deliver(id)).status).toBe(200);

    await database!.stop();
    database = undefined;
    const down: number[] = [];
    for (const id of [5, 6, 7]) {
      const startedAt = Date.now();
      const answer = await deliver(id);
      down.push(answer.status);
      // Well before the webhook middleware's 9 s "202 still processing", which GitHub would count as delivered.
      expect(Date.now() - startedAt).toBeLessThan(8000);
    }
    expect(down.every((status) => status >= 500)).toBe(true);
    expect(await probe(`http://127.0.0.1:${app.port}/healthz`)).not.toBe(200);

    database = await startEmbeddedPostgres(join(dir, "data"), { port });
    await until("/healthz to answer again", async () => (await probe(`http://127.0.0.1:${app!.port}/healthz`)) === 200, 60);
    // What item 3's recovery does for the failed ones: GitHub redelivers them.
    for (const id of [5, 6, 7, 8]) expect((await deliver(id)).status).toBe(200);

    await until("every deployment to be reported", async () => (await reportedCount()) === 8, 120);
    const perEvaluation = new Map<string, number>();
    for (const run of github.checkRuns) perEvaluation.set(String(run.external_id), (perEvaluation.get(String(run.external_id)) ?? 0) + 1);
    expect(perEvaluation.size).toBe(8);
    expect([...perEvaluation.values()].every((n) => n === 1)).toBe(true);
  }, 300_000);
});
