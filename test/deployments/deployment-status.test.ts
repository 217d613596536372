import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { waitForEvaluation } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { fixtureMetricsYaml } from "../helpers/fixture-metrics-yaml.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import {
  nockCreateCheckRun,
  nockCreateComment,
  nockFirstReport,
  nockListCheckRuns,
  nockListComments,
  nockListPullsForCommit,
  nockUpdateComment,
  nockUpdateIssue,
} from "../helpers/nock-github.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const repo = EXAMPLE_REPO;
const CONFIG = `
deployments:
  environments: [production]
${fixtureMetricsYaml("latency", "throughput", "error ratio", "staging latency")}issues:
  labels: [performance]
  confirm: 0 # issues open at once here; test/integration/confirm-regression.test.ts covers the wait
`;

type Body = Record<string, any>;

describe("deployment_status.created", () => {
  const { stepAt } = readPrometheusFixture();
  // The real Prometheus; GitHub stays mocked. With a public URL, so comments and issues link the dashboard.
  const kaizen = useKaizen({ localhost: true, publicUrl: "https://kaizen.example.com" });

  async function deliver(payload: Body, id = `delivery-${payload.deployment_status.id}`) {
    await kaizen.probot.receive({ id, name: "deployment_status", payload } as never);
  }
  async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await kaizen.pool.query(sql, values)).rows as T[];
  }

  describe("when a configured environment regresses", () => {
    const payload = deploymentStatusPayload({ statusId: 1001, deploymentId: 501, createdAt: new Date(stepAt * 1000) });
    const checks: Body[] = [];
    const comments: Body[] = [];
    const issues: Body[] = [];

    it("reports every metric on a check run, comments on the PR and opens one improvement issue", async () => {
      nockAccessToken(INSTALLATION_ID).persist();
      nockConfig(CONFIG);
      nockConfig(CONFIG);
      nockFirstReport({ ...repo, sha: SHA, checkRunId: 9001, pull: { number: 1, commentId: 7001 }, issueNumber: 77, sent: { checks, comments, issues } });

      await deliver(payload);
      expect(await waitForEvaluation(kaizen.pool, 1001)).toBe("reported");

      const summary = String(checks[0]?.output?.summary);
      expect(checks[0]).toMatchObject({ name: "Kaizen performance", head_sha: SHA, conclusion: "neutral" });
      for (const word of ["Regression", "Improvement", "No change", "Inconclusive"]) expect(summary).toContain(word);
      expect(comments[0]?.body).toMatch(/^<!-- kaizen:pr -->\n## Kaizen\n\n### Deployment · production\n/);
      expect(comments[0]?.body).toMatch(/Regression/);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ labels: expect.arrayContaining(["kaizen", "performance"]) });
      expect(issues[0]?.title).toContain("latency");
      const page = `https://kaizen.example.com/${repo.owner}/${repo.repo}/metrics/production/latency`;
      expect(issues[0]?.body).toContain(`[the metric's history on Kaizen's dashboard](${page})`);
      expect(comments[0]?.body).toContain(`📈 On Kaizen's dashboard: [latency](${page}) · `);
      expect(comments[0]?.body).toContain(`[error ratio](https://kaizen.example.com/${repo.owner}/${repo.repo}/metrics/production/error%20ratio)`);

      const results = await rows<{ metric_name: string; verdict: string; reason: string }>(
        "select metric_name, verdict, reason from metric_results order by metric_name",
      );
      expect(Object.fromEntries(results.map((r) => [r.metric_name, r.verdict]))).toEqual({
        latency: "regression",
        throughput: "improvement",
        "error ratio": "no-change",
        "staging latency": "inconclusive",
      });
      const [issue] = await rows<{ issue_number: number; state: string; level_before: number }>(
        "select issue_number, state, level_before from improvement_issues",
      );
      expect(issue).toMatchObject({ issue_number: 77, state: "open" });
      expect(issue!.level_before).toBeCloseTo(0.1, 2);
    });

    it("does nothing for a redelivery or a second delivery of the same status", async () => {
      const jobsBefore = await rows<{ n: string }>("select count(*) as n from pgboss.job");
      await deliver(payload);
      await deliver(payload, "another-delivery-id");
      expect(await rows("select id from evaluations")).toHaveLength(1);
      expect(await rows<{ n: string }>("select count(*) as n from pgboss.job")).toEqual(jobsBefore);
    });

    it("comments new evidence on the open issue instead of opening another", async () => {
      const again = deploymentStatusPayload({ statusId: 1002, deploymentId: 502, createdAt: new Date(stepAt * 1000) });
      const evidence: Body[] = [];
      nockConfig(CONFIG);
      nockConfig(CONFIG);
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [{ id: 9001, external_id: "kaizen-evaluation:1" }] });
      nockCreateCheckRun({ ...repo, id: 9002 });
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
      nockUpdateComment({ ...repo, commentId: 7001 });
      nockListComments({ ...repo, issueNumber: 77, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 77, id: 7002, sent: evidence });

      await deliver(again);
      expect(await waitForEvaluation(kaizen.pool, 1002)).toBe("reported");
      expect(evidence[0]?.body).toContain("latency");
      expect(await rows("select id from improvement_issues")).toHaveLength(1);
    });
  });

  describe("when the same commit is deployed to a second environment", () => {
    it("adds that environment's section to the pull request's one comment, the first section intact", async () => {
      const twoEnvironments = `
deployments:
  environments: [production, staging]
metrics:
  - name: error ratio
    query: kaizen_test_error_ratio{env="production"}
`;
      const updated: Body[] = [];
      nockConfig(twoEnvironments);
      nockConfig(twoEnvironments);
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9003 });
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
      nockUpdateComment({ ...repo, commentId: 7001, sent: updated });

      const staging = { statusId: 1003, deploymentId: 503, environment: "staging", createdAt: new Date(stepAt * 1000) };
      await deliver(deploymentStatusPayload(staging));
      expect(await waitForEvaluation(kaizen.pool, 1003)).toBe("reported");

      const body = String(updated[0]?.body);
      expect(body.match(/<!-- kaizen:[^>]*-->/g)).toEqual(["<!-- kaizen:pr -->"]);
      const [production, second] = body.split("\n---\n");
      expect(production).toContain("### Deployment · production");
      expect(production).toContain("after deploying f95f852 to **production**");
      expect(production).toMatch(/🔴 \*\*1 regression\*\*/);
      expect(second).toContain("### Deployment · staging");
      expect(second).toContain("✅ No regressions after deploying f95f852 to **staging**");
      expect(await rows("select comment_id from pr_comments")).toEqual([{ comment_id: "7001" }]);
    });
  });

  describe("when the metric later recovers", () => {
    it("comments the recovery and closes the issue", async () => {
      const { recoveryAt } = readPrometheusFixture();
      const flapping = `
metrics:
  - name: checkout latency
    query: kaizen_test_flapping_latency_seconds{env="{{environment}}"}
    better: lower
comment: on-regression
issues:
  confirm: 0
`;
      // The first deployment regresses the metric: an issue opens.
      nockConfig(flapping);
      nockConfig(flapping);
      nockFirstReport({ ...repo, sha: SHA, checkRunId: 9101, issueNumber: 80 });
      await deliver(deploymentStatusPayload({ statusId: 2001, deploymentId: 601, createdAt: new Date(stepAt * 1000) }));
      expect(await waitForEvaluation(kaizen.pool, 2001)).toBe("reported");

      // The fix ships: back to the old level, so the issue closes.
      const recovered: Body[] = [];
      const closed: Body[] = [];
      nockConfig(flapping);
      nockConfig(flapping);
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9102 });
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListComments({ ...repo, issueNumber: 80, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 80, id: 7101, sent: recovered });
      nockUpdateIssue({ ...repo, issueNumber: 80, sent: closed });
      await deliver(deploymentStatusPayload({ statusId: 2002, deploymentId: 602, createdAt: new Date(recoveryAt * 1000) }));
      expect(await waitForEvaluation(kaizen.pool, 2002)).toBe("reported");

      expect(recovered[0]?.body).toContain("checkout latency");
      expect(closed[0]).toMatchObject({ state: "closed", state_reason: "completed" });
      const [row] = await rows<{ state: string }>("select state from improvement_issues where issue_number = 80");
      expect(row?.state).toBe("closed");
    });
  });
});
