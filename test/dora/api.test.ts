import nock from "nock";
import { useKaizenServer } from "../helpers/use-kaizen-server.js";
import { seedFixture } from "../helpers/seed-dora-fixture.js";

const GITHUB = "https://api.github.com";
const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 9130;
const INSTALLATION_ID = 31;
const TOKEN = "ghu_reader";
const RANGE = "from=2026-03-02&to=2026-03-16";

describe("GET /api/dora/{owner}/{repo}", () => {
  const kaizenApp = useKaizenServer({ accessToken: INSTALLATION_ID });

  beforeAll(async () => {
    await seedFixture(kaizenApp.pool, { repoId: REPO_ID, ...REPO, installationId: INSTALLATION_ID });
  });

  /** The token's access check; GitHub answers with the repository's id, which the data is loaded by. */
  function nockAccessCheck(status: number, id = REPO_ID): nock.Scope {
    return nock(GITHUB)
      .get(`/repos/${REPO.owner}/${REPO.repo}`)
      .matchHeader("authorization", `Bearer ${TOKEN}`)
      .reply(status, status === 200 ? { id, full_name: `${REPO.owner}/${REPO.repo}` } : { message: "Not Found" });
  }
  const nockConfig = (yaml = "dora:\n  production: [prod*]\n") =>
    nock(GITHUB).get(`/repos/${REPO.owner}/${REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`).reply(200, yaml, { "content-type": "text/plain" });

  const get = (path: string, token: string | null = TOKEN) => fetch(`${kaizenApp.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it("answers 401 without a token, asking GitHub nothing", async () => {
    const response = await get(`/api/dora/${REPO.owner}/${REPO.repo}`, null);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 404 when the token cannot read the repository, the same as for a repository without data", async () => {
    const denied = nockAccessCheck(404);
    const noAccess = await get(`/api/dora/${REPO.owner}/${REPO.repo}`);
    const otherRepo = nockAccessCheck(200, 4242);
    const noData = await get(`/api/dora/${REPO.owner}/${REPO.repo}`);
    expect([denied.isDone(), otherRepo.isDone()]).toEqual([true, true]);
    expect([noAccess.status, noData.status]).toEqual([404, 404]);
    expect(await noAccess.text()).toBe(await noData.text());
  });

  it("answers 400 for an interval other than week, asking GitHub nothing", async () => {
    const response = await get(`/api/dora/${REPO.owner}/${REPO.repo}?interval=month`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: 'Unknown interval "month"; only week is supported.' });
  });

  it("answers the hand-computed keys of the fixture as JSON, each naming its rule", async () => {
    const scopes = [nockAccessCheck(200), nockConfig()];
    const response = await get(`/api/dora/${REPO.owner}/${REPO.repo}?${RANGE}&interval=week`);
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.json();
    expect(body.environments).toEqual(["production"]);
    // test/dora/README.md: the two weeks by hand.
    expect(body.summary).toEqual({
      weeks: 2, deploysPerWeek: 5, deploymentDaysPerWeek: 3, deploys: 10, deploymentDays: 6, changes: 8,
      leadTimeMedianHours: 12, leadTimeP90Hours: 72, failedDeploys: 5, changeFailRate: 0.5,
      recovered: 4, unrecovered: 1, recoveryMedianHours: 4.5, reworkDeploys: 3, reworkRate: 0.3,
    });
    expect(body.weeks.map((w: any) => [w.week, w.deploys, w.deploymentDays, w.leadTimeMedianHours, w.leadTimeP90Hours, w.failedDeploys, w.recoveryMedianHours, w.reworkDeploys])).toEqual([
      ["2026-03-02", 6, 3, 2, 24, 2, 4.5, 2],
      ["2026-03-09", 4, 3, 24, 72, 3, 4, 1],
    ]);
    expect(body.failedDeploys.map((f: any) => [f.deploymentId, f.causes.map((c: any) => c.rule)])).toEqual([
      [103, ["incident-after-deploy"]],
      [105, ["failed-after-success"]],
      [108, ["confirmed-regression"]],
      [109, ["rollback"]],
      [111, ["incident-link"]],
    ]);
    expect(Object.keys(body.rules)).toEqual(["deployment-frequency", "change-lead-time", "change-fail-rate", "failed-deployment-recovery-time", "deployment-rework-rate"]);
    expect(body.bands.deploymentFrequency).toEqual({ report: "DORA 2024 (Accelerate State of DevOps Report 2024)", cluster: "high", range: "between once per day and once per week" });
    expect(body.bandsNote).toContain("2025 report dropped fixed performance bands");
    // The settings read are kept for the dashboard, which computes the same keys without asking GitHub.
    const { rows } = await kaizenApp.pool.query("select repo_id, production, incident_label from dora_settings");
    expect(rows).toEqual([{ repo_id: String(REPO_ID), production: ["prod*"], incident_label: "incident" }]);
  });

  it("answers one environment when asked, and CSV with the table's columns", async () => {
    const scopes = [nockAccessCheck(200), nockConfig()];
    const response = await get(`/api/dora/${REPO.owner}/${REPO.repo}?${RANGE}&environment=staging&format=csv`);
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(await response.text()).toBe(
      [
        "week,deploys,deployment_days,changes,lead_time_median_h,lead_time_p90_h,failed_deploys,change_fail_rate,recovered,unrecovered,recovery_median_h,rework_deploys,rework_rate",
        // D107 alone: commit 97 (09:00) deployed 10:00 → lead 1 h.
        "2026-03-02,1,1,1,1,1,0,0.0%,0,0,—,0,0.0%",
        "2026-03-09,0,0,0,—,—,0,—,0,0,—,0,—",
        "total,1,1,1,1,1,0,0.0%,0,0,—,0,0.0%",
        "",
      ].join("\n"),
    );
  });
});

describe("GET /api/dora/{owner}/{repo} with the config cached", () => {
  const kaizenApp = useKaizenServer({ accessToken: INSTALLATION_ID, configFreshSeconds: 600 });
  beforeAll(async () => {
    await seedFixture(kaizenApp.pool, { repoId: REPO_ID, ...REPO, installationId: INSTALLATION_ID });
  });

  it("reads kaizen.yml from GitHub for the first request only", async () => {
    const access = nock(GITHUB).get(`/repos/${REPO.owner}/${REPO.repo}`).times(2).reply(200, { id: REPO_ID, full_name: `${REPO.owner}/${REPO.repo}` });
    // Answers once: a second contents call would meet no mock, and nock would fail the request.
    const contents = nock(GITHUB)
      .get(`/repos/${REPO.owner}/${REPO.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`)
      .once()
      .reply(200, "dora:\n  production: [prod*]\n", { "content-type": "text/plain" });
    const get = () => fetch(`${kaizenApp.base}/api/dora/${REPO.owner}/${REPO.repo}?${RANGE}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    const first = await get();
    const second = await get();
    expect([access.isDone(), contents.isDone()]).toEqual([true, true]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const [a, b] = [await first.json(), await second.json()];
    expect(b.summary).toEqual(a.summary);
    expect(b.summary.deploys).toBe(10);
    expect(b.compareProblems).toEqual([]);
  });
});
