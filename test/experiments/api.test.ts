import nock from "nock";
import { replaceExperimentMentions, upsertExperiment } from "../../src/experiments/store/experiments.js";
import { useKaizenServer } from "../helpers/use-kaizen-server.js";
import { GITHUB_API } from "../helpers/nock-github.js";

const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 4_200_000_001;
const TOKEN = "ghu_reader";

describe("GET /api/experiments/{owner}/{repo}", () => {
  const app = useKaizenServer();

  beforeAll(async () => {
    const issue = { repoId: REPO_ID, ...REPO, installationId: 31, title: "Cache the catalogue" };
    await upsertExperiment(app.pool, { ...issue, issueNumber: 12 }, { state: "waiting", metricName: "p95 latency", environment: "production", expectation: { direction: "lower", pct: 10, text: "-10%" } });
    await upsertExperiment(app.pool, { ...issue, issueNumber: 13 }, { state: "invalid", problem: "no block" });
    await replaceExperimentMentions(app.pool, REPO_ID, 12, [7, 9]);
  });

  const get = (token: string | null) => fetch(`${app.base}/api/experiments/${REPO.owner}/${REPO.repo}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

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
