import nock from "nock";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { deploymentStatusPayload, issuesPayload, mergedPullRequestPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { waitForJob } from "../helpers/wait-for-job.js";

const { owner, repo } = EXAMPLE_REPO;
const REPO_PATH = `/repos/${owner}/${repo}`;
const REPO_ID = 186853002;
const CONFIG = `deployments:
  environments: [production]
metrics:
  - name: p95 latency
    query: histogram_quantile(0.95, rate(x[5m]))
    unit: s
`;
const HYPOTHESIS = "We think caching the catalogue makes it faster.\n\nmetric: p95 latency\nenvironment: production\nexpect: -10%\n\nSee #7.";

let kaizen: RunningKaizen;
let sent: Array<{ path: string; body: any }>;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect("127.0.0.1");
  kaizen = await startKaizen({ idleJobs: ["plan-evaluation"] });
});
afterAll(async () => {
  await kaizen.stop();
  nock.cleanAll();
  nock.enableNetConnect();
});
beforeEach(() => {
  sent = [];
  nockAccessToken(INSTALLATION_ID).persist();
  nockConfig(CONFIG).persist();
});
afterEach(() => {
  expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens") && m !== "GET https://api.github.com:443/app" && !m.includes("kaizen.yml"))).toEqual([]);
  nock.cleanAll();
});

const record = (path: string) => (body: any) => {
  sent.push({ path, body });
  return true;
};

function nockNoComments(issueNumber: number): nock.Scope {
  return nock(GITHUB_API).get(`${REPO_PATH}/issues/${issueNumber}/comments`).query({ per_page: "100" }).reply(200, []);
}
function nockCreateComment(issueNumber: number, id: number): nock.Scope {
  const path = `${REPO_PATH}/issues/${issueNumber}/comments`;
  return nock(GITHUB_API).post(path, record(path)).reply(201, { id });
}

async function deliverIssue(action: "labeled" | "edited", issueNumber: number, body: string, delivery: string): Promise<void> {
  const payload = issuesPayload(action, { issueNumber, labels: ["experiment"], label: action === "labeled" ? "experiment" : undefined, body });
  await kaizen.probot.receive({ id: delivery, name: "issues", payload } as any);
  await waitForJob(kaizen.pool, "sync-experiment", delivery);
}

/** Ships an experiment: a merged pull request that closes it, linked by GitHub's closing references too. */
async function mergeClosing(issueNumber: number, pullNumber: number, mergeSha: string, prCommentId: number): Promise<void> {
  const graphql = nock(GITHUB_API)
    .post("/graphql")
    .reply(200, { data: { repository: { pullRequest: { closingIssuesReferences: { nodes: [{ number: issueNumber }] } } } } });
  nockNoComments(pullNumber);
  nockCreateComment(pullNumber, prCommentId);
  await kaizen.probot.receive({ id: `merge-${pullNumber}`, name: "pull_request", payload: mergedPullRequestPayload({ number: pullNumber, body: `Caches it.\n\nCloses #${issueNumber}`, mergeSha }) } as any);
  await waitForJob(kaizen.pool, "link-experiment-pull", `${REPO_ID}:${pullNumber}`);
  expect(graphql.isDone()).toBe(true);
}

/** The merge commit deployed to production and evaluated there (seeded) with the metric moved from → to. */
async function deployEvaluated(mergeSha: string, statusId: number, from: number, to: number, verdict: "improvement" | "regression" | "no-change"): Promise<void> {
  await seedReportedEvaluation(kaizen.pool, { repoId: REPO_ID, owner, repo, environment: "production", sha: mergeSha, checkRunId: statusId + 1, githubStatusId: statusId }, [
    { metricName: "p95 latency", verdict, baseline: from, candidate: to },
  ]);
  const payload = deploymentStatusPayload({ statusId, createdAt: new Date(), sha: mergeSha, environment: "production" });
  await kaizen.probot.receive({ id: `deploy-${statusId}`, name: "deployment_status", payload } as any);
  await waitForJob(kaizen.pool, "judge-experiments", `${statusId}:0`);
}

function nockOutcome(issueNumber: number, outcome: string, prCommentId: number): void {
  nockNoComments(issueNumber);
  nockCreateComment(issueNumber, 9000 + issueNumber);
  const labels = `${REPO_PATH}/issues/${issueNumber}/labels`;
  nock(GITHUB_API).post(labels, record(labels)).reply(200, [{ name: `experiment:${outcome}` }]);
  const patch = `${REPO_PATH}/issues/comments/${prCommentId}`;
  nock(GITHUB_API).patch(patch, record(patch)).reply(200, { id: prCommentId });
}

describe("issues labelled experiment", () => {
  describe("with no hypothesis block", () => {
    it("explains the problem once, with the fix, and not again on an edit that does not fix it", async () => {
      nockNoComments(21);
      nockCreateComment(21, 2101);
      await deliverIssue("labeled", 21, "Let's try caching!", "exp-21-a");
      await deliverIssue("edited", 21, "Let's try caching, really!", "exp-21-b");
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body.body).toMatchSnapshot();
      const { rows } = await kaizen.pool.query("select state from experiments where issue_number = 21");
      expect(rows).toEqual([{ state: "invalid" }]);
    });
  });

  describe("with an unknown metric", () => {
    it("explains it once, naming the metrics the config has", async () => {
      nockNoComments(22);
      nockCreateComment(22, 2201);
      await deliverIssue("labeled", 22, "metric: p59 latency\nenvironment: production\nexpect: -10%", "exp-22-a");
      expect(sent).toHaveLength(1);
      expect(sent[0]!.body.body).toContain("`metric: p59 latency` is not a metric in `.github/kaizen.yml`");
      expect(sent[0]!.body.body).toContain("Did you mean `p95 latency`?");
    });
  });
});

describe("an experiment shipped, deployed and evaluated", () => {
  it("is confirmed when the metric moved the expected way by at least the expected size", async () => {
    await deliverIssue("labeled", 31, HYPOTHESIS, "exp-31");
    await mergeClosing(31, 310, "c".repeat(40), 3100);
    expect(sent.find((s) => s.path.endsWith("/issues/310/comments"))!.body.body).toContain("#31");
    sent = [];
    nockOutcome(31, "confirmed", 3100);
    await deployEvaluated("c".repeat(40), 31_000_000_001, 0.2, 0.15, "improvement");

    const outcome = sent.find((s) => s.path.endsWith("/issues/31/comments"))!.body.body;
    expect(outcome).toMatchSnapshot();
    // Without KAIZEN_PUBLIC_URL nothing links a dashboard nobody can reach.
    expect(sent.map((s) => JSON.stringify(s.body)).join("\n")).not.toContain("dashboard");
    expect(sent.find((s) => s.path.endsWith("/issues/31/labels"))!.body).toEqual({ labels: ["experiment:confirmed"] });
    expect(sent.find((s) => s.path.endsWith("/issues/comments/3100"))!.body.body).toContain("**confirmed**");
    const { rows } = await kaizen.pool.query("select state, pr_number from experiments where issue_number = 31");
    expect(rows).toEqual([{ state: "confirmed", pr_number: 310 }]);
  });

  it("is refuted when the metric moved the wrong way", async () => {
    await deliverIssue("labeled", 32, HYPOTHESIS, "exp-32");
    await mergeClosing(32, 320, "d".repeat(40), 3200);
    sent = [];
    nockOutcome(32, "refuted", 3200);
    await deployEvaluated("d".repeat(40), 32_000_000_001, 0.2, 0.3, "regression");

    const outcome = sent.find((s) => s.path.endsWith("/issues/32/comments"))!.body.body;
    expect(outcome).toContain("Outcome: **refuted**: it moved the wrong way (higher, expected lower).");
    expect(sent.find((s) => s.path.endsWith("/issues/32/labels"))!.body).toEqual({ labels: ["experiment:refuted"] });
  });

  describe("deployed as a sha GitHub cannot compare", () => {
    it("does not decide the experiment, and the judging job still completes", async () => {
      await deliverIssue("labeled", 34, HYPOTHESIS, "exp-34");
      await mergeClosing(34, 340, "9".repeat(40), 3400);
      const unknown = "8".repeat(40);
      // GitHub's answer for a compare naming a commit it does not have (a force-pushed-away or never-pushed sha).
      const compare = nock(GITHUB_API)
        .get(`${REPO_PATH}/compare/${"9".repeat(40)}...${unknown}`)
        .query({ per_page: "1" })
        .reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/commits/commits#compare-two-commits", status: "404" });
      await deployEvaluated(unknown, 34_000_000_001, 0.2, 0.15, "improvement");
      expect(compare.isDone()).toBe(true);
      const { rows } = await kaizen.pool.query("select state from experiments where issue_number = 34");
      expect(rows).toEqual([{ state: "waiting" }]);
    });
  });

  describe("with KAIZEN_PUBLIC_URL set", () => {
    let plain: RunningKaizen;
    beforeAll(async () => {
      plain = kaizen;
      kaizen = await startKaizen({ idleJobs: ["plan-evaluation"], publicUrl: "https://kaizen.example.com" });
    });
    afterAll(async () => {
      await kaizen.stop();
      kaizen = plain;
    });

    it("links the metric's dashboard page from the pull request's section and the outcome", async () => {
      await deliverIssue("labeled", 33, HYPOTHESIS, "exp-33");
      await mergeClosing(33, 330, "e".repeat(40), 3300);
      const page = `https://kaizen.example.com/${owner}/${repo}/metrics/production/p95%20latency`;
      expect(sent.find((s) => s.path.endsWith("/issues/330/comments"))!.body.body).toContain(`[metric history](${page})`);
      sent = [];
      nockOutcome(33, "confirmed", 3300);
      await deployEvaluated("e".repeat(40), 33_000_000_001, 0.2, 0.15, "improvement");
      const outcome = sent.find((s) => s.path.endsWith("/issues/33/comments"))!.body.body;
      expect(outcome).toContain(`The metric's history: [Kaizen's dashboard](${page}).`);
      expect(sent.find((s) => s.path.endsWith("/issues/comments/3300"))!.body.body).toContain(`[metric history](${page})`);
    });
  });
});
