import nock from "nock";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { deploymentStatusPayload, INSTALLATION_ID, issuesPayload } from "../helpers/webhook-payloads.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateIssue, nockListOpenIssues, nockUpdateIssue } from "../helpers/nock-github.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { jobId } from "../../src/queue/create-queue.js";

const REPO_ID = 186853002; // Codertocat/Hello-World in @octokit/webhooks-examples
const { owner, repo } = EXAMPLE_REPO;
const sha = (c: string) => c.repeat(40);

describe("the weekly DORA digest (dora.digest: true)", () => {
  let kaizenApp: RunningKaizen;
  const sent: Array<Record<string, unknown>> = [];
  beforeAll(async () => {
    nock.disableNetConnect();
    kaizenApp = await startKaizen({ dora: true, idleJobs: ["plan-evaluation"] });
    nockAccessToken(INSTALLATION_ID).persist();
    nockConfig("dora:\n  digest: true\n").persist();
  });
  afterAll(async () => {
    await kaizenApp.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens") && !m.includes("kaizen.yml"))).toEqual([]);
    sent.length = 0;
  });

  const deploy = async (id: number, commit: string, at: string, environment = "production", delivery = `ds-${id}`) => {
    const payload = deploymentStatusPayload({ statusId: id, deploymentId: id, sha: commit, environment, createdAt: new Date(at) });
    await kaizenApp.probot.receive({ name: "deployment_status", id: delivery, payload } as any);
    await waitForJob(kaizenApp.pool, "dora-compare", `${REPO_ID}:${id}`);
  };
  const nockCompare = (base: string, head: string) =>
    nock(GITHUB_API)
      .get(`/repos/${owner}/${repo}/compare/${base}...${head}`)
      .query({ per_page: "100", page: "1" })
      .reply(200, { ahead_by: 1, commits: [{ sha: head, commit: { author: { date: "2026-03-01T08:00:00Z" }, committer: null } }] });
  const digestJobs = async () => (await kaizenApp.pool.query("select id from pgboss.job where name = 'dora-digest'")).rows.map((r) => String(r.id)).sort();
  const digests = async () => (await kaizenApp.pool.query("select week, issue_number from dora_digests order by week")).rows;

  it("opens the week's issue after the first production deploy of the week", async () => {
    const scopes = [
      nockListOpenIssues({ owner, repo, pages: [[]] }),
      nockCreateIssue({ owner, repo, number: 90, sent }),
      nockUpdateIssue({ owner, repo, issueNumber: 90, sent }),
    ];
    await deploy(301, sha("a"), "2026-03-02T10:00:00Z");
    await waitForJob(kaizenApp.pool, "dora-digest", `${REPO_ID}:2026-03-02:301`);
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(sent[0]).toMatchObject({ title: "DORA digest: week of 2026-03-02", labels: ["kaizen", "dora"] });
    expect(sent[1]!["body"]).toContain("<!-- kaizen:dora-digest:2026-03-02 -->");
    expect(sent[1]!["body"]).toContain("| Deployment frequency | 1 deploys on 1 days");
    expect(await digests()).toEqual([{ week: "2026-03-02", issue_number: 90 }]);
  });

  it("updates the same issue in place after the next production deploy of that week, opening none", async () => {
    const scopes = [nockCompare(sha("a"), sha("b")), nockUpdateIssue({ owner, repo, issueNumber: 90, sent })];
    await deploy(302, sha("b"), "2026-03-03T10:00:00Z");
    await waitForJob(kaizenApp.pool, "dora-digest", `${REPO_ID}:2026-03-02:302`);
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(sent).toHaveLength(1);
    expect(sent[0]!["body"]).toContain("| Deployment frequency | 2 deploys on 2 days");
    expect(await digests()).toEqual([{ week: "2026-03-02", issue_number: 90 }]);
  });

  it("is not refreshed by a staging deploy, a redelivered status or an incident: only by a production deploy", async () => {
    await deploy(303, sha("c"), "2026-03-04T10:00:00Z", "staging");
    await deploy(302, sha("b"), "2026-03-03T10:00:00Z", "production", "ds-302-again");
    await kaizenApp.probot.receive({ name: "issues", id: "incident-1", payload: issuesPayload("labeled", { issueNumber: 50, labels: ["incident"], label: "incident", body: "Checkout down" }) } as any);
    expect(await digestJobs()).toEqual([jobId("dora-digest", `${REPO_ID}:2026-03-02:301`), jobId("dora-digest", `${REPO_ID}:2026-03-02:302`)].sort());
  });

  it("opens a new issue for the next week: one issue per week", async () => {
    const scopes = [
      nockCompare(sha("b"), sha("d")),
      nockListOpenIssues({ owner, repo, pages: [[]] }),
      nockCreateIssue({ owner, repo, number: 91, sent }),
      nockUpdateIssue({ owner, repo, issueNumber: 91, sent }),
    ];
    await deploy(304, sha("d"), "2026-03-09T10:00:00Z");
    await waitForJob(kaizenApp.pool, "dora-digest", `${REPO_ID}:2026-03-09:304`);
    expect(scopes.every((s) => s.isDone())).toBe(true);
    expect(sent[0]).toMatchObject({ title: "DORA digest: week of 2026-03-09" });
    expect(sent[1]!["body"]).toContain("<!-- kaizen:dora-digest:2026-03-09 -->");
    expect(sent[1]!["body"]).toContain("| Deployment frequency | 1 deploys on 1 days");
    expect(await digests()).toEqual([
      { week: "2026-03-02", issue_number: 90 },
      { week: "2026-03-09", issue_number: 91 },
    ]);
  });
});
