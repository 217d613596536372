import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { freePort } from "../helpers/free-port.js";
import nock from "nock";
import { createServer as createHttpServer } from "node:http";
import { createNodeMiddleware, Probot } from "probot";
import { kaizen } from "../../src/index.js";
import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import {
  privateKey,
  startKaizen,
  waitForEvaluation,
  WEBHOOK_SECRET,
  type RunningKaizen,
} from "../helpers/start-kaizen.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { ProductionOctokit } from "../helpers/production-octokit.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import {
  GITHUB_API,
  nockCreateCheckRun,
  nockCreateComment,
  nockListCheckRuns,
  nockListComments,
  nockUpdateComment,
  nockListPullsForCommit,
} from "../helpers/nock-github.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const repo = EXAMPLE_REPO;
const CONFIG = `
metrics:
  - name: latency
    query: kaizen_test_latency_seconds{env="{{environment}}"}
    better: lower
issues:
  enabled: false
`;
type Body = Record<string, any>;


describe("reliability", () => {
  const { stepAt } = readPrometheusFixture();
  const deliver = (k: RunningKaizen, statusId: number) =>
    k.probot.receive({
      id: `d-${statusId}`,
      name: "deployment_status",
      payload: deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: new Date(stepAt * 1000) }),
    } as never);

  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
    nock.enableNetConnect();
  });

  describe("when Prometheus is down", () => {
    it("reports the metric Inconclusive with the reason and a neutral check", async () => {
      const k = await startKaizen({ prometheusUrl: `http://127.0.0.1:${await freePort()}` });
      try {
        const checks: Body[] = [];
        nockAccessToken(INSTALLATION_ID);
        nockConfig(CONFIG).persist();
        nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
        nockCreateCheckRun({ ...repo, id: 41, sent: checks });
        nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
        await deliver(k, 4001);
        expect(await waitForEvaluation(k.pool, 4001)).toBe("reported");
        expect(checks[0]).toMatchObject({ conclusion: "neutral" });
        expect(checks[0]?.output.summary).toMatch(/Inconclusive/);
        expect(checks[0]?.output.summary).toMatch(/connection refused/);
        expect(checks[0]?.output.summary).not.toMatch(/No change/);
      } finally {
        await k.stop();
      }
    });
  });

  describe("when GitHub fails half-way through the report", () => {
    it("retries the job and ends with one check run and one comment", async () => {
      const k = await startKaizen();
      try {
        const comments: Body[] = [];
        nockAccessToken(INSTALLATION_ID);
        nockConfig(CONFIG).persist();
        // Attempt 1: the PR comment is posted, then creating the check run fails.
        nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
        nockListComments({ ...repo, issueNumber: 1, pages: [[]] });
        nockCreateComment({ ...repo, issueNumber: 1, id: 61, sent: comments });
        nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
        nock(GITHUB_API).post(`/repos/${repo.owner}/${repo.repo}/check-runs`).reply(502, "Bad Gateway");
        // Attempt 2: the recorded comment is updated in place, the check run is created once.
        nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
        nockUpdateComment({ ...repo, commentId: 61 });
        nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
        nockCreateCheckRun({ ...repo, id: 51 });

        await deliver(k, 5001);
        expect(await waitForEvaluation(k.pool, 5001, 30_000)).toBe("reported");
        expect(comments).toHaveLength(1);
        const check = await k.pool.query("select check_run_id::int from evaluations where github_status_id = 5001");
        expect(check.rows[0].check_run_id).toBe(51);
      } finally {
        await k.stop();
      }
    });
  });

  describe("when a webhook is unsigned or wrongly signed", () => {
    it("rejects it before any side effect", async () => {
      const k = await startKaizen();
      const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal" });
      const middleware = await createNodeMiddleware(kaizen(k.deps), { probot });
      const server = createHttpServer((req, res) => void middleware(req, res));
      try {
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const body = JSON.stringify(deploymentStatusPayload({ statusId: 6001, createdAt: new Date(stepAt * 1000) }));
        const headers = { "content-type": "application/json", "x-github-event": "deployment_status", "x-github-delivery": "u-1" };
        const wrong = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;
        const url = `${base}/api/github/webhooks`;

        const unsigned = await fetch(url, { method: "POST", headers, body });
        const badlySigned = await fetch(url, { method: "POST", headers: { ...headers, "x-hub-signature-256": wrong }, body });

        expect(unsigned.status).toBe(400);
        expect(badlySigned.status).toBe(400);
        const stored = await k.pool.query("select count(*)::int as n from deployments");
        expect(stored.rows[0].n).toBe(0);
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await k.stop();
      }
    });
  });
});
