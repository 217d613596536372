import { createRequire } from "node:module";
import { startLoopbackGitHub, type LoopbackGitHub, type LoopbackRequest, type LoopbackReply } from "../helpers/loopback-github.js";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { recordMute } from "../../src/feedback/store/feedback-mutes.js";

// @octokit/webhooks-examples 7.6.1 has no deployment_protection_rule example: the payload is the documented shape
// (environment, event, deployment_callback_url, deployment, repository, installation, sender) built from the real
// deployment example's objects.
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{ name: string; examples: any[] }>;
const deploymentExample = examples.find((e) => e.name === "deployment")!.examples[0];

const OWNER = "Codertocat";
const REPO = "Hello-World";
const CONFIG = `deployments:
  environments: [staging]
gate:
  environments:
    production: { after: staging, wait: 20s }
    canary: { after: staging, wait: 2s }
`;

let loopback: LoopbackGitHub;
let kaizen: RunningKaizen;
let answers: Array<{ path: string; body: any }>;
let runId = 1000;
let deploymentId = 7_000_000_000;
const repoId: number = deploymentExample.repository.id;

function route(request: LoopbackRequest): LoopbackReply | undefined {
  if (request.method === "POST" && request.path === `/app/installations/${INSTALLATION_ID}/access_tokens`) {
    return { status: 201, json: { token: "ghs_test", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
  }
  if (request.method === "GET" && request.path === `/repos/${OWNER}/${REPO}/contents/.github/kaizen.yml`) return { status: 200, text: CONFIG };
  if (request.method === "POST" && /\/actions\/runs\/\d+\/deployment_protection_rule$/.test(request.path)) {
    answers.push({ path: request.path, body: JSON.parse(request.body) });
    return { status: 204, text: "" };
  }
  return undefined;
}

function protectionRulePayload(environment: string, sha: string, callbackBase = `http://${loopback.host}/api/v3`): { payload: any; path: string } {
  const id = ++runId;
  const path = `/repos/${OWNER}/${REPO}/actions/runs/${id}/deployment_protection_rule`;
  const payload = {
    action: "requested",
    environment,
    event: "push",
    deployment_callback_url: `${callbackBase}${path}`,
    deployment: { ...structuredClone(deploymentExample.deployment), id: ++deploymentId, sha, environment },
    repository: structuredClone(deploymentExample.repository),
    installation: { id: INSTALLATION_ID },
    sender: structuredClone(deploymentExample.sender),
  };
  return { payload, path };
}

async function receive(payload: any, delivery = `delivery-${Math.random()}`): Promise<void> {
  await kaizen.probot.receive({ id: delivery, name: "deployment_protection_rule", payload } as any);
}

async function waitForAnswers(path: string, count: number, timeoutMs = 15_000): Promise<Array<{ body: any }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = answers.filter((a) => a.path === path);
    if (found.length >= count) return found;
    if (Date.now() > deadline) throw new Error(`${found.length} answer(s) to ${path}, expected ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const sha = (n: number) => n.toString(16).padStart(40, "0");

beforeAll(async () => {
  loopback = await startLoopbackGitHub(route);
  kaizen = await startKaizen({ baseUrl: `http://${loopback.host}/api/v3` });
});
afterAll(async () => {
  await kaizen.stop();
  await loopback.close();
});
beforeEach(() => {
  answers = [];
});

describe("deployment_protection_rule.requested", () => {
  describe("when the same commit was evaluated in the `after` environment without a regression", () => {
    it("approves once, even when the event is redelivered", async () => {
      const commit = sha(1);
      await seedReportedEvaluation(kaizen.pool, { repoId, owner: OWNER, repo: REPO, environment: "staging", sha: commit, checkRunId: 41 }, [
        { metricName: "p95 latency", verdict: "no-change", baseline: 0.2, candidate: 0.201 },
      ]);
      const { payload, path } = protectionRulePayload("production", commit);
      await receive(payload, "delivery-approve");
      await receive(payload, "delivery-approve-redelivered");
      const [answer] = await waitForAnswers(path, 1);
      expect(answer!.body).toEqual({ environment_name: "production", state: "approved", comment: expect.stringContaining("Kaizen approves this deployment to `production`: no regression in staging") });
      expect(answer!.body.comment).toContain(`https://github.com/${OWNER}/${REPO}/runs/41`);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(answers.filter((a) => a.path === path)).toHaveLength(1);
      const { rows } = await kaizen.pool.query("select decision, answered_at is not null as answered from gate_requests where callback_url like $1", [`%${path}`]);
      expect(rows).toEqual([{ decision: "approved", answered: true }]);
    });
  });

  describe("when the same commit regressed in the `after` environment", () => {
    it("rejects, naming the metrics and linking the evidence", async () => {
      const commit = sha(2);
      await seedReportedEvaluation(kaizen.pool, { repoId, owner: OWNER, repo: REPO, environment: "staging", sha: commit, checkRunId: 42 }, [
        { metricName: "p95 latency", verdict: "regression", baseline: 0.2, candidate: 0.3, confirmation: "confirmed" },
        { metricName: "error rate", verdict: "no-change", baseline: 0.01, candidate: 0.01 },
      ]);
      const { payload, path } = protectionRulePayload("production", commit);
      await receive(payload);
      const [answer] = await waitForAnswers(path, 1);
      expect(answer!.body.state).toBe("rejected");
      expect(answer!.body.comment).toMatchSnapshot();
    });

    it("waits while the regression's confirmation is pending, then answers once it is decided", async () => {
      const commit = sha(3);
      const { evaluationId } = await seedReportedEvaluation(kaizen.pool, { repoId, owner: OWNER, repo: REPO, environment: "staging", sha: commit, checkRunId: 43 }, [
        { metricName: "p95 latency", verdict: "regression", baseline: 0.2, candidate: 0.3, confirmation: "pending" },
      ]);
      const { payload, path } = protectionRulePayload("production", commit);
      await receive(payload);
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(answers.filter((a) => a.path === path)).toHaveLength(0);
      // A later window does not show it again: noise, which does not block.
      await kaizen.pool.query("update metric_results set confirmation = 'not-confirmed' where evaluation_id = $1", [evaluationId]);
      const [answer] = await waitForAnswers(path, 1);
      expect(answer!.body.state).toBe("approved");
    });
  });

  describe("when the metric that regressed in the `after` environment is muted (/kaizen mute)", () => {
    it("approves: a muted regression blocks no deployment", async () => {
      const commit = sha(5);
      await seedReportedEvaluation(kaizen.pool, { repoId, owner: OWNER, repo: REPO, environment: "staging", sha: commit, checkRunId: 45 }, [
        { metricName: "checkout latency", verdict: "regression", baseline: 0.2, candidate: 0.3, confirmation: "confirmed" },
      ]);
      const now = Date.now();
      await recordMute(kaizen.pool, {
        repoId,
        owner: OWNER,
        repo: REPO,
        subject: "Checkout latency",
        startsAt: new Date(now - 60_000),
        until: new Date(now + 3_600_000),
        reason: "load test",
        actor: "octocat",
        link: null,
        idempotencyKey: "comment:gate-mute",
      });
      const { payload, path } = protectionRulePayload("production", commit);
      await receive(payload);
      const [answer] = await waitForAnswers(path, 1);
      expect(answer!.body).toMatchObject({ state: "approved", comment: expect.stringContaining("no regression in staging") });
    });
  });

  describe("when the commit is not evaluated in the `after` environment within `wait`", () => {
    it("rejects it as not evaluated in time, never approving silently", async () => {
      const started = Date.now();
      const { payload, path } = protectionRulePayload("canary", sha(4));
      await receive(payload);
      const [answer] = await waitForAnswers(path, 1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
      expect(answer!.body).toEqual({
        environment_name: "canary",
        state: "rejected",
        comment: "Kaizen rejects this deployment to `canary`: not evaluated in time: this commit has not been deployed to staging yet after waiting 2s.",
      });
    });
  });

  describe("when the environment has no gate in kaizen.yml", () => {
    it("rejects with the config problem and its fix", async () => {
      const { payload, path } = protectionRulePayload("qa", sha(5));
      await receive(payload);
      const [answer] = await waitForAnswers(path, 1);
      expect(answer!.body.state).toBe("rejected");
      expect(answer!.body.comment).toContain("has no gate.environments.qa");
    });
  });

  describe("when the callback URL is not on the app's GitHub API host", () => {
    it("stores nothing and calls no other host", async () => {
      const { payload } = protectionRulePayload("production", sha(6), "https://attacker.example/api/v3");
      const seen = loopback.seen.length;
      await receive(payload);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(loopback.seen.slice(seen).filter((s) => s.includes("deployment_protection_rule"))).toEqual([]);
      const { rows } = await kaizen.pool.query("select count(*)::int as n from gate_requests where sha = $1", [sha(6)]);
      expect(rows).toEqual([{ n: 0 }]);
    });
  });
});
