import { useTestDatabase } from "../helpers/test-database.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";
import { recordDeploymentStatus } from "../../src/deployments/store/record-deployment-status.js";
import { probe, spawnKaizen, until, type KaizenProcess } from "../helpers/kaizen-process.js";
import { useLoopbackPeers } from "../helpers/use-loopback-peers.js";

describe("the app as a real process", () => {
  let app: KaizenProcess | undefined;
  let env: NodeJS.ProcessEnv;

  // Added first, so the process is killed before what it uses is closed.
  afterAll(async () => {
    await app?.kill();
  });
  const db = useTestDatabase();
  // A GitHub that keeps the check runs it is given, so a retried report would find (not duplicate) one.
  const { github, prometheus, envFor } = useLoopbackPeers({ prometheus: { held: true } });
  beforeAll(async () => {
    env = await envFor(db.url);
  });

  async function evaluationState(statusId: number): Promise<string | null> {
    const { rows } = await db.pool.query<{ state: string }>("select state from evaluations where github_status_id = $1", [statusId]);
    return rows[0]?.state ?? null;
  }

  function deliver(statusId: number): Promise<Response> {
    // Deployed two hours ago: both windows have passed, so the evaluation runs at once.
    const payload = deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: new Date(Date.now() - 2 * 3600e3) });
    return app!.deliver("deployment_status", payload, `d-${statusId}`);
  }

  function reportsFor(statusId: number): Promise<number> {
    return db.pool
      .query<{ id: string }>("select id from evaluations where github_status_id = $1", [statusId])
      .then(({ rows }) => github.checkRuns.filter((r) => r.external_id === `kaizen-evaluation:${rows[0]?.id}`).length);
  }

  it("takes a job up again after its worker was SIGKILLed mid-job, and reports it once", async () => {
    app = spawnKaizen(env);
    await app.ready();
    expect((await deliver(9101)).status).toBeLessThan(300);

    // The evaluation job is querying Prometheus (which holds the answer) when the process dies.
    await until("the evaluation's first Prometheus query", () => prometheus.requests() > 0, 30);
    await app.kill();
    expect(github.checkRuns).toEqual([]);

    prometheus.release();
    const restartedAt = Date.now();
    app = spawnKaizen(env);
    await app.ready();
    const state = await until("the evaluation to be reported", async () => ((await evaluationState(9101)) === "reported" ? "reported" : null), 60);
    const seconds = (Date.now() - restartedAt) / 1000;

    expect(state).toBe("reported");
    expect(seconds).toBeLessThan(60);
    expect(github.checkRuns).toHaveLength(1);
    expect(github.checkRuns[0]).toMatchObject({ name: "Kaizen performance", conclusion: "success" });
    // The job's outcome is in the logs at info level, with its name.
    expect(app.output()).toMatch(/"job":"evaluate-deployment".*"outcome":"completed"/);
  }, 120_000);

  it("finishes, once, a delivery whose process was SIGKILLed right after answering it", async () => {
    expect((await deliver(9103)).status).toBeLessThan(300);
    await app!.kill();
    app = spawnKaizen(env);
    await app.ready();
    await until("the evaluation to be reported", async () => (await evaluationState(9103)) === "reported", 60);
    expect(await reportsFor(9103)).toBe(1);
  }, 90_000);

  it("queues, at start, work a dead process stored but never queued, and reports it once", async () => {
    await app!.kill();
    // What the intake leaves when its process dies between storing the evaluation and queuing its job.
    const payload = deploymentStatusPayload({ statusId: 9104, deploymentId: 9104, createdAt: new Date(Date.now() - 2 * 3600e3) });
    await recordDeploymentStatus(
      db.pool,
      {
        repoId: payload["repository"].id,
        owner: payload["repository"].owner.login,
        repo: payload["repository"].name,
        installationId: payload["installation"].id,
        githubDeploymentId: 9104,
        environment: "production",
        sha: payload["deployment"].sha,
        ref: payload["deployment"].ref,
        url: null,
      },
      { githubStatusId: 9104, statusCreatedAt: new Date(payload["deployment_status"].created_at), deliveryId: "d-9104" },
    );
    app = spawnKaizen(env);
    await app.ready();
    await until("the evaluation to be reported", async () => (await evaluationState(9104)) === "reported", 60);
    expect(await reportsFor(9104)).toBe(1);
    expect(app.output()).toMatch(/sweep: queued 1 job/);
  }, 90_000);

  it("on SIGTERM answers deliveries 503 while the running job finishes, then exits 0", async () => {
    prometheus.hold();
    const reported = github.checkRuns.length;
    expect((await deliver(9102)).status).toBeLessThan(300);
    await until("the evaluation's first Prometheus query", () => prometheus.requests() > 0, 30);

    const signalledAt = Date.now();
    app!.child.kill("SIGTERM");
    // Draining: still listening, but telling the load balancer and GitHub it is not taking work.
    await until("/healthz to say it is draining", async () => ((await probe(`http://127.0.0.1:${app!.port}/healthz`)) === 503 ? true : null), 10);
    const refused = await deliver(9105);
    expect(refused.status).toBe(503);
    expect(await refused.text()).toMatch(/stopping/);
    expect(await evaluationState(9105)).toBeNull();
    // The held query now fails the way a real one would if cut; the job's own retry is after the exit, so the
    // process must exit within the drain time whatever the job does.
    setTimeout(() => prometheus.release(), 500);
    const code = await app!.exited;

    expect(code).toBe(0);
    expect((Date.now() - signalledAt) / 1000).toBeLessThan(15);
    expect(app!.output()).toMatch(/SIGTERM: refusing webhooks \(503\) and draining jobs/);
    app = undefined;
    // Nothing was reported twice; the evaluation is either reported or handed back to be retried by the next process.
    expect(github.checkRuns.length).toBeLessThanOrEqual(reported + 1);
    expect(["reported", "scheduled"]).toContain(await evaluationState(9102));
  }, 60_000);
});
