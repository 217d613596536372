import nock from "nock";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { deploymentStatusPayload, INSTALLATION_ID, issuesPayload, mergedPullRequestPayload } from "../helpers/webhook-payloads.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { listDoraIncidents } from "../../src/dora/store/dora-issues.js";
import { loadDoraReport } from "../../src/dora/load-dora-report.js";
import { DoraConfig } from "../../src/config/schema/dora-config.js";

const REPO_ID = 186853002; // Codertocat/Hello-World in @octokit/webhooks-examples
const { owner, repo } = EXAMPLE_REPO;
const SHA_A = "a".repeat(40);
const SHA_B = "b".repeat(40);

describe("DORA events", () => {
  let kaizenApp: RunningKaizen;
  beforeAll(async () => {
    nock.disableNetConnect();
    // The deployment evaluation's own job is left idle: this file meets only DORA's GitHub calls.
    kaizenApp = await startKaizen({ dora: true, idleJobs: ["plan-evaluation"] });
  });
  afterAll(async () => {
    await kaizenApp.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  const receive = (name: string, id: string, payload: Record<string, any>) => kaizenApp.probot.receive({ name, id, payload } as any);
  const deployments = async () =>
    (await kaizenApp.pool.query("select github_deployment_id::int as id, environment, succeeded_at, failed_at from dora_deployments order by 1")).rows;

  describe("deployment_status", () => {
    it("records the first success without a compare (nothing to compare with)", async () => {
      const scopes = [nockAccessToken(INSTALLATION_ID), nockConfig("dora: {}\n")];
      await receive("deployment_status", "ds-1", deploymentStatusPayload({ statusId: 1, deploymentId: 201, sha: SHA_A, createdAt: new Date("2026-03-02T10:00:00Z") }));
      await waitForJob(kaizenApp.pool, "dora-compare", `${REPO_ID}:201`);
      expect(scopes.every((s) => s.isDone())).toBe(true);
      expect(await deployments()).toEqual([{ id: 201, environment: "production", succeeded_at: new Date("2026-03-02T10:00:00Z"), failed_at: null }]);
      const { rows } = await kaizenApp.pool.query("select base_sha from dora_deployment_compares where github_deployment_id = 201");
      expect(rows).toEqual([{ base_sha: null }]);
    });

    it("reads the commits of the next success from the compare API, once however often it is delivered", async () => {
      const compare = nock(GITHUB_API)
        .get(`/repos/${owner}/${repo}/compare/${SHA_A}...${SHA_B}`)
        .query({ per_page: "100", page: "1" })
        .reply(200, {
          ahead_by: 2,
          commits: [
            { sha: "c".repeat(40), commit: { author: { date: "2026-03-02T12:00:00Z" }, committer: { date: "2026-03-02T12:30:00Z" } } },
            { sha: SHA_B, commit: { author: { date: "2026-03-03T09:00:00Z" }, committer: { date: "2026-03-03T09:00:00Z" } } },
          ],
        });
      const config = nockConfig("dora: {}\n");
      const payload = deploymentStatusPayload({ statusId: 2, deploymentId: 202, sha: SHA_B, createdAt: new Date("2026-03-03T10:00:00Z") });
      await receive("deployment_status", "ds-2", payload);
      await waitForJob(kaizenApp.pool, "dora-compare", `${REPO_ID}:202`);
      await receive("deployment_status", "ds-2-again", payload);
      expect([compare.isDone(), config.isDone()]).toEqual([true, true]);
      const { rows } = await kaizenApp.pool.query("select sha, committed_at from dora_deployment_commits where github_deployment_id = 202 order by committed_at");
      expect(rows).toEqual([
        { sha: "c".repeat(40), committed_at: new Date("2026-03-02T12:00:00Z") },
        { sha: SHA_B, committed_at: new Date("2026-03-03T09:00:00Z") },
      ]);
    });

    it("marks a deploy failed by a failure status after its success, and queues nothing", async () => {
      await receive("deployment_status", "ds-3", deploymentStatusPayload({ statusId: 3, deploymentId: 202, sha: SHA_B, state: "failure", createdAt: new Date("2026-03-03T11:00:00Z") }));
      expect((await deployments())[1]).toEqual({ id: 202, environment: "production", succeeded_at: new Date("2026-03-03T10:00:00Z"), failed_at: new Date("2026-03-03T11:00:00Z") });
    });
  });

  describe("deployment_status of a sha GitHub cannot compare", () => {
    const SHA_X = "f".repeat(40);
    const SHA_C = "1".repeat(40);
    const SHA_D = "2".repeat(40);
    const SHA_E = "3".repeat(40);
    const nockCompare = (base: string, head: string, status: number, body: object) =>
      nock(GITHUB_API).get(`/repos/${owner}/${repo}/compare/${base}...${head}`).query({ per_page: "100", page: "1" }).reply(status, body);
    const nockCommit = (sha: string, status: number, body: object) =>
      nock(GITHUB_API).get(`/repos/${owner}/${repo}/commits/${sha}`).query({ per_page: "1" }).reply(status, body);
    const deploy = async (id: number, sha: string, at: string) => {
      await receive("deployment_status", `ds-${id}`, deploymentStatusPayload({ statusId: id, deploymentId: id, sha, createdAt: new Date(at) }));
      await waitForJob(kaizenApp.pool, "dora-compare", `${REPO_ID}:${id}`);
    };
    const compares = async () =>
      (await kaizenApp.pool.query("select github_deployment_id::int as id, base_sha, problem, sha_unknown from dora_deployment_compares where github_deployment_id >= 203 order by 1")).rows;
    const docs = "https://docs.github.com/rest/commits/commits";

    it("records the refused compare with its reason, and compares the next deploy with the one before the unknown sha", async () => {
      const scopes = [
        nockConfig("dora: {}\n").persist(),
        nockCompare(SHA_B, SHA_X, 404, { message: "Not Found", documentation_url: docs }),
        nockCommit(SHA_X, 422, { message: `No commit found for SHA: ${SHA_X}`, documentation_url: docs }),
        nockCompare(SHA_B, SHA_C, 200, { ahead_by: 1, commits: [{ sha: SHA_C, commit: { author: { date: "2026-03-05T08:00:00Z" }, committer: null } }] }),
      ];
      await deploy(203, SHA_X, "2026-03-04T10:00:00Z");
      await deploy(204, SHA_C, "2026-03-05T10:00:00Z");
      expect(scopes.map((s) => s.isDone())).toEqual([true, true, true, true]);
      expect(await compares()).toEqual([
        {
          id: 203,
          base_sha: SHA_B,
          problem: "the deployed commit fffffff is not in the repository (GitHub answered 404: Not Found); the next deploy is compared with the one before this",
          sha_unknown: true,
        },
        { id: 204, base_sha: SHA_B, problem: null, sha_unknown: false },
      ]);
      const { rows } = await kaizenApp.pool.query("select sha from dora_deployment_commits where github_deployment_id = 204");
      expect(rows).toEqual([{ sha: SHA_C }]);
    });

    it("keeps a deploy whose own sha GitHub has as the next one's base when their compare was refused", async () => {
      const scopes = [
        nockConfig("dora: {}\n").persist(),
        nockCompare(SHA_C, SHA_D, 404, { message: `No common ancestor between ${SHA_C} and ${SHA_D}.`, documentation_url: docs }),
        nockCommit(SHA_D, 200, { sha: SHA_D, commit: { author: { date: "2026-03-06T08:00:00Z" }, committer: null }, files: [] }),
        nockCompare(SHA_D, SHA_E, 200, { ahead_by: 1, commits: [{ sha: SHA_E, commit: { author: { date: "2026-03-07T08:00:00Z" }, committer: null } }] }),
      ];
      await deploy(205, SHA_D, "2026-03-06T10:00:00Z");
      await deploy(206, SHA_E, "2026-03-07T10:00:00Z");
      expect(scopes.map((s) => s.isDone())).toEqual([true, true, true, true]);
      expect((await compares()).slice(2)).toEqual([
        { id: 205, base_sha: SHA_C, problem: `GitHub could not compare 1111111...2222222 (GitHub answered 404: No common ancestor between ${SHA_C} and ${SHA_D}.)`, sha_unknown: false },
        { id: 206, base_sha: SHA_D, problem: null, sha_unknown: false },
      ]);
    });

    it("names the deploys without lead times in the report, in the period asked", async () => {
      const report = await loadDoraReport({ pool: kaizenApp.pool }, REPO_ID, DoraConfig.parse({}), { environment: null, from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-09T00:00:00Z") });
      expect(report.compareProblems.map((p) => [p.deploymentId, p.sha, p.environment])).toEqual([[203, SHA_X, "production"], [205, SHA_D, "production"]]);
      const later = await loadDoraReport({ pool: kaizenApp.pool }, REPO_ID, DoraConfig.parse({}), { environment: null, from: new Date("2026-03-09T00:00:00Z"), to: new Date("2026-03-16T00:00:00Z") });
      expect(later.compareProblems).toEqual([]);
    });
  });

  describe("pull_request.closed, merged", () => {
    it("records the pull request with its commits, starting at its first commit", async () => {
      const commits = nock(GITHUB_API)
        .get(`/repos/${owner}/${repo}/pulls/7/commits`)
        .query({ per_page: "100" })
        .reply(200, [
          { sha: "d".repeat(40), commit: { author: { date: "2026-03-01T08:00:00Z" }, committer: null } },
          { sha: "e".repeat(40), commit: { author: { date: "2026-03-01T09:00:00Z" }, committer: null } },
        ]);
      // The installation's client (and its token) from the first test is reused.
      await receive("pull_request", "pr-7", mergedPullRequestPayload({ number: 7, mergeCommitSha: SHA_B, mergedAt: new Date("2026-03-02T20:00:00Z") }));
      await waitForJob(kaizenApp.pool, "dora-pull", `${REPO_ID}:7`);
      expect(commits.isDone()).toBe(true);
      const { rows } = await kaizenApp.pool.query("select pr_number, merge_commit_sha, first_commit_at, shas from dora_pulls");
      expect(rows).toEqual([{ pr_number: 7, merge_commit_sha: SHA_B, first_commit_at: new Date("2026-03-01T08:00:00Z"), shas: ["d".repeat(40), "e".repeat(40)] }]);
    });
  });

  describe("issues", () => {
    it("keeps a labelled issue with the deploys it links; the config's label makes it an incident", async () => {
      const body = `Checkout broke after ${SHA_B.slice(0, 7)} (deployment 202).`;
      await receive("issues", "is-1", issuesPayload("labeled", { issueNumber: 50, labels: ["incident"], label: "incident", body }));
      await receive("issues", "is-2", issuesPayload("opened", { issueNumber: 51, labels: [], body: "unlabelled" }));
      expect(await listDoraIncidents(kaizenApp.pool, REPO_ID, "Incident")).toEqual([
        expect.objectContaining({ number: 50, closedAt: null, linkedShas: [SHA_B.slice(0, 7)], linkedDeploymentIds: [202] }),
      ]);
      expect(await listDoraIncidents(kaizenApp.pool, REPO_ID, "outage")).toEqual([]);
      await receive("issues", "is-3", issuesPayload("deleted", { issueNumber: 50 }));
      expect(await listDoraIncidents(kaizenApp.pool, REPO_ID, "incident")).toEqual([]);
    });
  });
});
