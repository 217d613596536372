import nock from "nock";
import type pg from "pg";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { INSTALLATION_ID, installationCreatedPayload, installationRepositoriesAddedPayload } from "../helpers/webhook-payloads.js";
import { nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { TRIES_ON_5XX } from "../helpers/production-octokit.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { jobId } from "../../src/queue/create-queue.js";

// The repositories of the @octokit/webhooks-examples installation payloads.
const HELLO = { id: 186853002, owner: "Codertocat", repo: "Hello-World" };
const SPACE = { id: 186853007, owner: "Codertocat", repo: "Space" };
const path = `/repos/${HELLO.owner}/${HELLO.repo}`;
const sha = (c: string) => c.repeat(40);
const PAGE = { per_page: "100" };
const listed = (page: number) => ({ sort: "created", direction: "asc", per_page: "100", page: String(page) });

/** Waits until the job has completed, through retries (the backfill's failed first attempt is part of the story). */
async function waitForCompletion(pool: pg.Pool, name: string, key: string): Promise<{ retryCount: number }> {
  for (;;) {
    const { rows } = await pool.query("select state, retry_count, output from pgboss.job where id = $1", [jobId(name as never, key)]);
    if (rows[0]?.state === "completed") return { retryCount: rows[0].retry_count };
    if (rows[0]?.state === "failed") throw new Error(`${name} ${key}: ${JSON.stringify(rows[0].output)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the DORA backfill after an installation", () => {
  let kaizenApp: RunningKaizen;
  beforeAll(async () => {
    nock.disableNetConnect();
    // One retry, a second after the failure: the resumed attempt.
    kaizenApp = await startKaizen({ dora: true, retryLimit: 1, idleJobs: ["import-radar", "plan-evaluation"] });
    nockAccessToken(INSTALLATION_ID).persist();
  });
  afterAll(async () => {
    await kaizenApp.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens"))).toEqual([]);
    nock.cleanAll();
  });

  const count = async (table: string, repoId = HELLO.id) => Number((await kaizenApp.pool.query(`select count(*) from ${table} where repo_id = $1`, [repoId])).rows[0].count);

  describe("installation.created (the example payload)", () => {
    it("backfills each listed repository; a failure midway resumes from the page it reached, recording nothing twice", async () => {
      const deployment = (id: number, c: string) => ({ id, sha: sha(c), ref: "main", environment: "production", created_at: "2026-03-01T00:00:00Z" });
      const status = (id: number, at: string) => [{ id, state: "success", created_at: at }];
      // A full first page of closed pull requests (one merged), so the backfill asks for a second.
      const closed = Array.from({ length: 100 }, (_, i) => ({ number: i + 1, merged_at: i === 0 ? "2026-03-02T09:00:00Z" : null, merge_commit_sha: i === 0 ? sha("b") : null }));
      const commit = (s: string, date: string) => ({ sha: s, commit: { author: { date }, committer: null } });
      const scopes = [
        nockConfig("dora: {}\n").persist(),
        // Both attempts read the deployments: a source read to its end starts over in the next attempt.
        nock(GITHUB_API).get(`${path}/deployments`).query({ per_page: "100", page: "1" }).times(2).reply(200, [deployment(1, "a"), deployment(2, "b")]),
        nock(GITHUB_API).get(`${path}/deployments/1/statuses`).query(PAGE).times(2).reply(200, status(11, "2026-03-02T10:00:00Z")),
        nock(GITHUB_API).get(`${path}/deployments/2/statuses`).query(PAGE).times(2).reply(200, status(12, "2026-03-03T10:00:00Z")),
        // Page 1 of the pull requests once: the resumed attempt starts at page 2.
        nock(GITHUB_API).get(`${path}/pulls`).query({ state: "closed", ...listed(1) }).once().reply(200, closed),
        nock(GITHUB_API).get(`${path}/pulls/1/commits`).query(PAGE).once().reply(200, [commit(sha("c"), "2026-03-02T08:00:00Z")]),
        nock(GITHUB_API).get(`${path}/pulls`).query({ state: "closed", ...listed(2) }).times(TRIES_ON_5XX).reply(502, { message: "Server Error" }),
        nock(GITHUB_API).get(`${path}/pulls`).query({ state: "closed", ...listed(2) }).once().reply(200, []),
        nock(GITHUB_API).get(`${path}/issues`).query({ state: "all", labels: "incident", ...listed(1) }).once().reply(200, []),
        nock(GITHUB_API).get(`${path}/compare/${sha("a")}...${sha("b")}`).query({ per_page: "100", page: "1" }).once()
          .reply(200, { ahead_by: 2, commits: [commit(sha("c"), "2026-03-02T08:00:00Z"), commit(sha("b"), "2026-03-02T09:00:00Z")] }),
      ];
      await kaizenApp.probot.receive({ id: "install-1", name: "installation", payload: installationCreatedPayload() } as never);
      const { retryCount } = await waitForCompletion(kaizenApp.pool, "dora-sync", `install-1:${HELLO.id}`);
      expect(retryCount).toBe(1);
      expect(scopes.every((s) => s.isDone())).toBe(true);
      expect(await Promise.all(["dora_deployments", "dora_pulls", "dora_issues", "dora_deployment_compares", "dora_deployment_commits"].map((t) => count(t)))).toEqual([2, 1, 0, 2, 2]);
      const { rows } = await kaizenApp.pool.query("select source, next_page, finished_at is not null as finished from dora_backfills where repo_id = $1 order by source", [HELLO.id]);
      expect(rows).toEqual([
        { source: "deployments", next_page: 1, finished: true },
        { source: "issues", next_page: 1, finished: true },
        { source: "pulls", next_page: 1, finished: true },
      ]);
      const pulls = await kaizenApp.pool.query("select pr_number, shas from dora_pulls where repo_id = $1", [HELLO.id]);
      expect(pulls.rows).toEqual([{ pr_number: 1, shas: [sha("c")] }]);
    });

    it("queues nothing again when GitHub redelivers the event", async () => {
      await kaizenApp.probot.receive({ id: "install-1", name: "installation", payload: installationCreatedPayload() } as never);
      const { rows } = await kaizenApp.pool.query("select count(*)::int as n from pgboss.job where name = 'dora-sync'");
      expect(rows).toEqual([{ n: 1 }]);
    });
  });

  describe("installation_repositories.added (the example payload)", () => {
    it("backfills the added repository, which without a kaizen.yml gets nothing but the config read", async () => {
      const config = nockConfig(null, SPACE);
      await kaizenApp.probot.receive({ id: "added-1", name: "installation_repositories", payload: installationRepositoriesAddedPayload() } as never);
      await waitForJob(kaizenApp.pool, "dora-sync", `added-1:${SPACE.id}`);
      expect(config.isDone()).toBe(true);
      expect(await count("dora_backfills", SPACE.id)).toBe(0);
    });
  });

  describe("installation.created without the repository list (too long for GitHub to send)", () => {
    it("lists the installation's repositories in a job and backfills each", async () => {
      const payload = installationCreatedPayload();
      delete payload["repositories"];
      // The radar's handler asks for the list in the webhook, DORA's in its job: two reads.
      const list = nock(GITHUB_API)
        .get("/installation/repositories")
        .query(PAGE)
        .times(2)
        .reply(200, { total_count: 1, repositories: [{ id: SPACE.id, name: SPACE.repo, full_name: `${SPACE.owner}/${SPACE.repo}`, owner: { login: SPACE.owner } }] });
      const config = nockConfig(null, SPACE);
      await kaizenApp.probot.receive({ id: "install-2", name: "installation", payload } as never);
      await waitForJob(kaizenApp.pool, "dora-sync-installation", "install-2");
      await waitForJob(kaizenApp.pool, "dora-sync", `installation:${INSTALLATION_ID}:${SPACE.id}`);
      expect([list.isDone(), config.isDone()]).toEqual([true, true]);
    });
  });
});
