import nock from "nock";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { deploymentStatusPayload, INSTALLATION_ID, issuesPayload, mergedPullRequestPayload } from "../helpers/webhook-payloads.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { listDoraIncidents } from "../../src/dora/store/dora-issues.js";

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
