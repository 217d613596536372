import nock from "nock";
import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { waitForEvaluation } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { TRIES_ON_5XX } from "../helpers/production-octokit.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import {
  GITHUB_API,
  nockCreateCheckRun,
  nockCreateIssue,
  nockListCheckRuns,
  nockListOpenIssues,
  nockListPullsForCommit,
} from "../helpers/nock-github.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const repo = EXAMPLE_REPO;
const TWO_REGRESSIONS = `
metrics:
  - name: latency
    query: kaizen_test_latency_seconds{env="{{environment}}"}
  - name: checkout latency
    query: kaizen_test_flapping_latency_seconds{env="{{environment}}"}
issues:
  confirm: 0 # issues open at once: these tests are about GitHub failing during the report
`;
type Body = Record<string, any>;

describe("GitHub failures while reporting", () => {
  const { stepAt } = readPrometheusFixture();
  const kaizen = useKaizen({ perTest: true, localhost: true, retryLimit: 1, accessToken: INSTALLATION_ID, allowPending: [] });
  const deliver = (statusId: number) =>
    kaizen.probot.receive({
      id: `d-${statusId}`,
      name: "deployment_status",
      payload: deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: new Date(stepAt * 1000) }),
    } as never);

  beforeEach(() => nockConfig(TWO_REGRESSIONS).persist());

  describe("when GitHub rate-limits the check run, then recovers", () => {
    it("waits out the limit within the attempt and creates one check run", async () => {
      const checks: Body[] = [];
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      // A refused request was not acted on: the throttling plugin sends the same POST again once the limit resets.
      nock(GITHUB_API)
        .post(`/repos/${repo.owner}/${repo.repo}/check-runs`)
        .reply(403, { message: "API rate limit exceeded" }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1" });
      nockCreateCheckRun({ ...repo, id: 81, sent: checks });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 90 });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 91 });

      await deliver(8001);
      expect(await waitForEvaluation(kaizen.pool, 8001, 30_000)).toBe("reported");
      expect(checks).toHaveLength(1);
    });
  });

  describe("when GitHub refuses an issue for a secondary rate limit with Retry-After", () => {
    it("waits as GitHub asks within the attempt and opens each issue once", async () => {
      const issues: Body[] = [];
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 84 });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nock(GITHUB_API)
        .post(`/repos/${repo.owner}/${repo.repo}/issues`)
        .reply(429, { message: "You have exceeded a secondary rate limit." }, { "retry-after": "1" });
      nockCreateIssue({ ...repo, number: 94, sent: issues });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 95, sent: issues });

      await deliver(8004);
      expect(await waitForEvaluation(kaizen.pool, 8004, 30_000)).toBe("reported");
      // Sent again after the wait, not by the job's retry: the check run was listed and created once (mocked once).
      expect(issues).toHaveLength(2);
      const { rows } = await kaizen.pool.query("select issue_number from improvement_issues order by issue_number");
      expect(rows).toEqual([{ issue_number: 94 }, { issue_number: 95 }]);
    });
  });

  describe("when GitHub fails after the first issue was opened", () => {
    it("resumes on retry without a second issue or an evidence comment on the first", async () => {
      const issues: Body[] = [];
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 82 });
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 92, sent: issues });
      // Longer than Octokit's own retries of a read, so the job's attempt fails.
      nock(GITHUB_API).get(`/repos/${repo.owner}/${repo.repo}/issues`).query(true).times(TRIES_ON_5XX).reply(502, "Bad Gateway");
      // Retry: the check run is found by its external id; only the second issue is opened.
      const { rows } = await kaizen.pool.query("select coalesce(max(id), 0) + 1 as id from evaluations");
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [{ id: 82, external_id: `kaizen-evaluation:${rows[0].id}` }] });
      nock(GITHUB_API).patch(`/repos/${repo.owner}/${repo.repo}/check-runs/82`).reply(200, { id: 82 });
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 93, sent: issues });

      await deliver(8002);
      expect(await waitForEvaluation(kaizen.pool, 8002, 30_000)).toBe("reported");
      expect(issues.map((i) => i.title)).toEqual([
        expect.stringContaining("latency in production"),
        expect.stringContaining("checkout latency in production"),
      ]);
      const open = await kaizen.pool.query("select issue_number from improvement_issues order by issue_number");
      expect(open.rows).toEqual([{ issue_number: 92 }, { issue_number: 93 }]);
    });
  });

  describe("when GitHub keeps failing", () => {
    it("gives up after the last retry and marks the evaluation failed with the reason", async () => {
      nock(GITHUB_API)
        .get(`/repos/${repo.owner}/${repo.repo}/commits/${SHA}/pulls`)
        .query(true)
        .times(2 * TRIES_ON_5XX) // two attempts of the job, each read retried by Octokit
        .reply(503, { message: "Service Unavailable" });

      await deliver(8003);
      expect(await waitForEvaluation(kaizen.pool, 8003, 30_000)).toBe("failed");
      const { rows } = await kaizen.pool.query("select note from evaluations where github_status_id = 8003");
      expect(rows[0].note).toMatch(/gave up after every retry: .*Service Unavailable/);
    });
  });
});
