import { startLoopbackGitHub, type LoopbackGitHub } from "../helpers/loopback-github.js";
import { statefulGitHub } from "../helpers/stateful-github.js";
import { startKaizen, waitForEvaluation, type RunningKaizen } from "../helpers/start-kaizen.js";
import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { CREEP, creepDeployAt, creepKaizenYml, readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { checkDrift, queueDailyDriftChecks } from "../../src/deployments/check-drift.js";

// Slow creep end to end: deploys backfilled into the real test Prometheus (kaizen_test_creep_latency, every
// deploy +2.5 %, under the 10 % threshold) are delivered one by one as deployment_status webhooks; the app measures
// them against that Prometheus, stores their levels in PostgreSQL and talks to a loopback GitHub that keeps issues,
// comments and check runs like GitHub does. A second metric on the same series is muted (`/kaizen mute`): it drifts
// alike but opens no issue until the mute is lifted.

const OWNER = "Codertocat";
const REPO = "Hello-World";
const PUBLIC_URL = "https://kaizen.example.com";
// A second query on the same series, muted before the first deploy: its drift must open no issue.
const CONFIG = creepKaizenYml(`  - name: quiet creep latency
    query: kaizen_test_creep_latency{env="{{environment}}"}
    unit: s
    better: lower
    threshold: 10%
`);

let loopback: LoopbackGitHub;
let kaizen: RunningKaizen;
const github = statefulGitHub({ owner: OWNER, repo: REPO, config: CONFIG });
const { issues, prComments } = github;

// Distinct short shas (0a0a0a0…, 0b0b0b0…), so the issue's lists can be checked deploy by deploy.
const sha = (k: number) => (k + 9).toString(16).padStart(2, "0").repeat(20);

async function deploy(k: number): Promise<void> {
  const { stepAt } = readPrometheusFixture();
  const createdAt = new Date(creepDeployAt(stepAt, k) * 1000);
  const payload = deploymentStatusPayload({ statusId: 30_000 + k, deploymentId: 40_000 + k, createdAt, sha: sha(k) });
  await kaizen.probot.receive({ id: `drift-delivery-${k}`, name: "deployment_status", payload } as never);
  const state = await waitForEvaluation(kaizen.pool, 30_000 + k).catch(async (e) => {
    const { rows } = await kaizen.pool.query("select name, state, output from pgboss.job where state <> 'completed'");
    console.log(JSON.stringify(rows, null, 1).slice(0, 3000), loopback.seen.slice(-15));
    throw e;
  });
  expect(state).toBe("reported");
}

async function driftRows(): Promise<Array<{ kind: string; state: string; issue_number: number; level_before: number; fingerprint: string }>> {
  const { rows } = await kaizen.pool.query("select kind, state, issue_number, level_before, fingerprint from improvement_issues order by id");
  return rows;
}

/** The daily check's job for the environment, as queueDailyDriftChecks sends it. */
async function dailyJob() {
  const { rows } = await kaizen.pool.query("select repo_id, id from deployments order by id desc limit 1");
  const { rows: evaluations } = await kaizen.pool.query("select max(id) as id from evaluations");
  return { repoId: Number(rows[0].repo_id), owner: OWNER, repo: REPO, installationId: INSTALLATION_ID, environment: "production", evaluationId: Number(evaluations[0].id) };
}

beforeAll(async () => {
  loopback = await startLoopbackGitHub(github.route);
  kaizen = await startKaizen({ baseUrl: `http://${loopback.host}/api/v3`, publicUrl: PUBLIC_URL });
  const repoId = deploymentStatusPayload({ createdAt: new Date() }).repository.id;
  await kaizen.pool.query(
    `insert into feedback_mutes (repo_id, owner, repo, subject, starts_at, until, reason, actor, idempotency_key)
     values ($1, $2, $3, 'quiet creep latency', now() - interval '1 hour', now() + interval '1 day', 'load test', 'Codertocat', 'drift-test')`,
    [repoId, OWNER, REPO],
  );
});
afterAll(async () => {
  await kaizen.stop();
  await loopback.close();
});

describe("deployment_status.created, deploy after deploy", () => {
  describe("when each deploy adds 2.5 % latency, under the 10 % threshold", () => {
    it("judges every deploy on its own as no change and opens no issue while the drift is short", async () => {
      for (let k = 1; k <= 5; k += 1) await deploy(k);
      const { rows } = await kaizen.pool.query("select verdict, change_pct from metric_results where metric_name = 'creep latency' order by evaluation_id");
      expect(rows.map((r) => r.verdict)).toEqual(Array(5).fill("no-change"));
      const muted = await kaizen.pool.query("select count(*)::int as n from metric_results where metric_name = 'quiet creep latency'");
      expect(muted.rows[0].n).toBe(5);
      for (const row of rows) expect(Math.abs(row.change_pct)).toBeLessThan(10);
      expect(issues).toEqual([]);
      expect(await driftRows()).toEqual([]);
    });

    it("opens one drift issue when the deploys add up beyond the threshold, and the PR comment says this deploy did it", async () => {
      await deploy(6);
      expect(issues).toHaveLength(1);
      const [issue] = issues;
      expect(issue!.title).toBe("Performance drift: creep latency in production");
      expect(issue!.labels).toEqual(expect.arrayContaining(["kaizen", "performance"]));
      expect(issue!.body).toContain("<!-- kaizen:issue:drift%2F");
      expect(issue!.body).toMatch(/has drifted in \*\*production\*\*: from 0\.\d+ s to 0\.1\d+ s \(\+1\d\.\d %\) over 6 deploys/);
      expect(issue!.body).toMatch(/Test that decided: one-sided t test on the steps between consecutive levels, on 6 steps/);
      expect(issue!.body).toContain("Effective sample size: 6 steps");
      expect(issue!.body).toMatch(/Noise: the level moves about ±\d/);
      expect(issue!.body).toContain(`${PUBLIC_URL}/${OWNER}/${REPO}/metrics/production/creep%20latency`);
      for (let k = 1; k <= 6; k += 1) expect(issue!.body).toContain(`| ${sha(k).slice(0, 7)} |`);
      // Ranked by what each deploy added, largest first.
      const ranked = [...issue!.body.matchAll(/^- ([0-9a-f]{7}) \(.*\): \+([\d.]+) s/gm)].map((m) => Number(m[2]));
      expect(ranked.length).toBeGreaterThanOrEqual(3);
      expect(ranked).toEqual([...ranked].sort((a, b) => b - a));
      const rows = await driftRows();
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "drift", state: "open", issue_number: 1, fingerprint: expect.stringMatching(/^drift\/\d+\/production\/creep latency$/) });
      expect(rows[0]!.level_before).toBeCloseTo(CREEP.level, 2);

      const comment = prComments.get(6)?.[0]?.body ?? "";
      expect(comment).not.toContain("📈 **quiet creep latency**");
      expect(comment).toMatch(/📈 \*\*creep latency\*\* has drifted \+1\d\.\d % .* over 6 deploys, each under the 10 % threshold; this deployment \(\+0\.00\d+ s\) took the total beyond it/);
      expect(prComments.get(5)?.[0]?.body).not.toContain("has drifted");
    });

    it("updates that issue with each later deploy instead of opening another, and a daily check changes nothing more", async () => {
      await deploy(7);
      await deploy(8);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toMatch(/over 8 deploys/);
      expect(prComments.get(8)?.[0]?.body).not.toContain("has drifted");

      const before = issues[0]!.body;
      const job = await dailyJob();
      await checkDrift(kaizen.probot, kaizen.deps, job);
      await checkDrift(kaizen.probot, kaizen.deps, job);
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toBe(before);
      expect(await driftRows()).toHaveLength(1);
    });

    it("opens the muted metric's drift issue on the first check after its mute is lifted", async () => {
      await kaizen.pool.query("update feedback_mutes set lifted_at = now(), lifted_by = 'Codertocat' where idempotency_key = 'drift-test'");
      await checkDrift(kaizen.probot, kaizen.deps, await dailyJob());
      expect(issues.map((i) => i.title)).toEqual(["Performance drift: creep latency in production", "Performance drift: quiet creep latency in production"]);
      expect(issues[1]!.body).toMatch(/over 8 deploys/);
    });

    it("closes the drift issue with one comment when the level returns", async () => {
      await deploy(CREEP.deploys + 1);
      expect(issues).toHaveLength(2);
      expect(issues.map((i) => i.state)).toEqual(["closed", "closed"]);
      expect(issues.map((i) => i.comments.length)).toEqual([1, 1]);
      expect(issues[0]!.comments[0]!.body).toMatch(new RegExp(`\\*\\*creep latency\\*\\* is back in \\*\\*production\\*\\*: 0\\.\\d+ s after ${sha(CREEP.deploys + 1).slice(0, 7)}, within 10 % of the level before the drift`));
      const rows = await driftRows();
      expect(rows).toEqual([expect.objectContaining({ kind: "drift", state: "closed" }), expect.objectContaining({ kind: "drift", state: "closed" })]);

      // A daily check after the recovery neither reopens nor comments again.
      await checkDrift(kaizen.probot, kaizen.deps, await dailyJob());
      expect(issues).toHaveLength(2);
      expect(issues.map((i) => i.comments.length)).toEqual([1, 1]);
    });
  });

  describe("the daily tick", () => {
    it("queues one drift check per evaluated environment and day, however often it runs", async () => {
      await queueDailyDriftChecks(kaizen.deps, "2099-01-01");
      await queueDailyDriftChecks(kaizen.deps, "2099-01-01");
      await queueDailyDriftChecks(kaizen.deps, "2099-01-02");
      const { rows } = await kaizen.pool.query("select data from pgboss.job where name = 'check-drift' order by created_on");
      expect(rows.map((r) => r.data)).toEqual([
        expect.objectContaining({ owner: OWNER, repo: REPO, environment: "production", installationId: INSTALLATION_ID }),
        expect.objectContaining({ owner: OWNER, repo: REPO, environment: "production" }),
      ]);
    });
  });
});
