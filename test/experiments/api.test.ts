import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { Probot, createNodeMiddleware } from "probot";
import { kaizen } from "../../src/index.js";
import { replaceExperimentMentions, upsertExperiment } from "../../src/experiments/store/experiments.js";
import { privateKey, startKaizen, TestOctokit, WEBHOOK_SECRET, type RunningKaizen } from "../helpers/start-kaizen.js";
import { GITHUB_API } from "../helpers/nock-github.js";

const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 4_200_000_001;
const TOKEN = "ghu_reader";

describe("GET /api/experiments/{owner}/{repo}", () => {
  let app: RunningKaizen;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    app = await startKaizen();
    const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: TestOctokit, logLevel: "fatal" });
    const middleware = await createNodeMiddleware(kaizen({ ...app.deps, workers: false }), { probot });
    server = createServer((req, res) => void middleware(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const issue = { repoId: REPO_ID, ...REPO, installationId: 31, title: "Cache the catalogue" };
    await upsertExperiment(app.pool, { ...issue, issueNumber: 12 }, { state: "waiting", metricName: "p95 latency", environment: "production", expectation: { direction: "lower", pct: 10, text: "-10%" } });
    await upsertExperiment(app.pool, { ...issue, issueNumber: 13 }, { state: "invalid", problem: "no block" });
    await replaceExperimentMentions(app.pool, REPO_ID, 12, [7, 9]);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await app.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  const get = (token: string | null) => fetch(`${base}/api/experiments/${REPO.owner}/${REPO.repo}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("lists the experiments of the repository GitHub says the token reads, with the issues they mention", async () => {
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}`).matchHeader("authorization", `Bearer ${TOKEN}`).reply(200, { id: REPO_ID, full_name: "octo-org/shop" });
    const response = await get(TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as { experiments: any[] };
    expect(body.experiments.map((e) => [e.issue, e.state, e.metric, e.expect, e.mentions])).toEqual([
      [12, "waiting", "p95 latency", "-10%", [7, 9]],
      [13, "invalid", null, null, []],
    ]);
  });

  it("answers 404 when the token cannot read the repository, and 401 without one", async () => {
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}`).reply(404, { message: "Not Found" });
    expect((await get(TOKEN)).status).toBe(404);
    expect((await get(null)).status).toBe(401);
  });
});
