import { useTestDatabase } from "../helpers/test-database.js";
import { deploymentStatusPayload } from "../helpers/webhook-payloads.js";
import { flatLatencyConfig, probe, spawnKaizen, until, type KaizenProcess } from "../helpers/kaizen-process.js";
import { useLoopbackPeers } from "../helpers/use-loopback-peers.js";

const CONFIG = flatLatencyConfig(["production", "staging"]);
const SHA = "ffe6b8c5a8e6e0d1b2c3d4e5f60718293a4b5c6d";
const PULL = 7;

/** Deployed two hours ago, so both windows have passed and the evaluation runs at once. */
function status(statusId: number, environment = "production") {
  return deploymentStatusPayload({ statusId, deploymentId: statusId, environment, sha: SHA, createdAt: new Date(Date.now() - 2 * 3600e3) });
}

/**
 * The app as production runs it (`lib/server.js`: production pool size, Probot's Octokit with retry and throttling
 * on, webhooks through its HTTP server) under a burst of deployments on one key, and as two replicas on one database.
 */
describe("the app under bursts and as two replicas", () => {
  const apps: KaizenProcess[] = [];
  // Added first, so the processes are killed before what they use is closed.
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.kill()));
  });
  const db = useTestDatabase({ each: true });
  // Every deployed commit belongs to one pull request: each report also takes that pull request's comment lock,
  // inside the (repository, environment) lock.
  const { github, envFor } = useLoopbackPeers({ each: true, github: { config: CONFIG, pulls: [PULL] } });

  async function start(): Promise<KaizenProcess> {
    const app = spawnKaizen(await envFor(db.url));
    apps.push(app);
    await app.ready();
    return app;
  }

  async function states(): Promise<Record<string, number>> {
    const { rows } = await db.pool.query<{ state: string; n: number }>("select state, count(*)::int as n from evaluations group by state");
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /** Check runs per evaluation: each evaluation's external id must appear once. */
  function checkRunsPerEvaluation(): number[] {
    const counts = new Map<string, number>();
    for (const run of github.checkRuns) counts.set(String(run.external_id), (counts.get(String(run.external_id)) ?? 0) + 1);
    return [...counts.values()];
  }

  describe("twelve successful deployment statuses of one repository and environment at once", () => {
    it("reports each once, one pull request comment, and answers a new delivery promptly meanwhile", async () => {
      const app = await start();
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => app.deliver("deployment_status", status(7000 + i), `burst-${i}`)));
      expect(answers.map((a) => a.status).every((s) => s >= 200 && s < 300)).toBe(true);

      // While the burst's jobs run: a new delivery is stored and answered 2xx (never a late 202), and /healthz is up.
      const startedAt = Date.now();
      const late = await app.deliver("deployment_status", status(7100, "staging"), "during-burst");
      const answeredIn = Date.now() - startedAt;
      expect(late.status).toBe(200);
      expect(answeredIn).toBeLessThan(3000);
      expect(await probe(`http://127.0.0.1:${app.port}/healthz`)).toBe(200);

      await until("every evaluation to be reported", async () => (await states())["reported"] === 13, 120);
      expect(await states()).toEqual({ reported: 13 });
      expect(github.checkRuns).toHaveLength(13);
      expect(checkRunsPerEvaluation().every((n) => n === 1)).toBe(true);
      // One Kaizen comment on the pull request, however many reports updated it.
      expect(github.comments.filter((c) => c.issue === PULL)).toHaveLength(1);
      expect(github.posts.filter((p) => p.endsWith(`/issues/${PULL}/comments`))).toHaveLength(1);
    }, 180_000);
  });

  describe("two processes on one database", () => {
    it("evaluates, comments and reports every deployment exactly once when each delivery reaches both", async () => {
      const [a, b] = [await start(), await start()];
      const ids = Array.from({ length: 10 }, (_, i) => 8000 + i);
      // Each delivery reaches both replicas (a redelivery landing on the other one), at the same time.
      const answers = await Promise.all(
        ids.flatMap((id) => [a!.deliver("deployment_status", status(id), `r-${id}`), b!.deliver("deployment_status", status(id), `r-${id}`)]),
      );
      expect(answers.every((r) => r.status === 200)).toBe(true);

      await until("every evaluation to be reported", async () => (await states())["reported"] === ids.length, 120);
      expect(await states()).toEqual({ reported: ids.length });
      expect(github.checkRuns).toHaveLength(ids.length);
      expect(checkRunsPerEvaluation().every((n) => n === 1)).toBe(true);
      expect(github.comments.filter((c) => c.issue === PULL)).toHaveLength(1);
      // Both replicas ran jobs.
      expect(a!.output()).toMatch(/"outcome":"completed"/);
      expect(b!.output()).toMatch(/"outcome":"completed"/);
    }, 180_000);
  });
});
