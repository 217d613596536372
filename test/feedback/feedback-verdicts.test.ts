import nock from "nock";
import { insertIssue } from "../../src/db/improvement-issues.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { fixtureMetricsYaml } from "../helpers/fixture-metrics-yaml.js";
import { GITHUB_API, nockCreateComment, nockFirstReport, nockListComments, nockUpdateIssue } from "../helpers/nock-github.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { waitForEvaluation } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { deploymentStatusPayload, INSTALLATION_ID, issueCommentPayload } from "../helpers/webhook-payloads.js";

const REPO_ID = 186853002; // Codertocat/Hello-World in the examples
const REPO_PATH = `/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}`;
const METRICS = `
deployments:
  environments: [production]
${fixtureMetricsYaml("latency")}issues:
  confirm: 0
gate:
  check: true
`;
type Sent = Array<Record<string, any>>;

/** What one deployment's evaluation sent to GitHub. */
interface Evaluated {
  checks: Sent;
  comments: Sent;
  issues: Sent;
}

describe("verdicts after feedback (deployment_status.created, the real Prometheus)", () => {
  const { stepAt } = readPrometheusFixture();
  let clock = new Date();
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID, localhost: true, perTest: true, now: () => clock });
  let delivery = 0;

  async function comment(commentId: number, issueNumber: number, body: string, at: Date): Promise<void> {
    const payload = issueCommentPayload({ commentId, issueNumber, body, at });
    await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
    await waitForJob(kaizen.pool, "feedback-command", String(commentId));
  }

  function nockPermission(): void {
    nock(GITHUB_API).get(`${REPO_PATH}/collaborators/Codertocat/permission`).reply(200, { permission: "write", role_name: "write", user: { login: "Codertocat" } });
  }

  function nockReply(issueNumber: number, sent: Sent = []): void {
    nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
    nockCreateComment({ ...EXAMPLE_REPO, issueNumber, id: 90_000 + issueNumber, sent });
  }

  /**
   * Earlier deployments whose latency regressions (+55 %, +52 %, …) Kaizen opened issues for, each marked a false
   * alarm with `/kaizen false-alarm` on its issue; the deploys came at different times of day. Returns the replies.
   */
  async function markFalseAlarms(config: string, moves: number[], at: Date): Promise<Sent> {
    const replies: Sent = [];
    for (const [i, move] of moves.entries()) {
      const issueNumber = 300 + i;
      const target = { repoId: REPO_ID, ...EXAMPLE_REPO, environment: "production", sha: `${i}`.repeat(40) };
      const { evaluationId } = await seedReportedEvaluation(kaizen.pool, target, [
        { metricName: "latency", verdict: "regression", baseline: 0.1, candidate: 0.1 * (1 + move) },
      ]);
      await kaizen.pool.query("update evaluations set status_created_at = $2 where id = $1", [evaluationId, new Date(Date.UTC(2026, 10, 1 + i, 2 + 8 * i))]);
      await insertIssue(kaizen.pool, {
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        environment: "production",
        metricName: "latency",
        fingerprint: `old/${i}`,
        issueNumber,
        levelBefore: 0.1,
        better: "lower",
        threshold: { kind: "relative", value: 0.1 },
        openedByEvaluationId: evaluationId,
      });
      nockConfig(config);
      nockPermission();
      nockUpdateIssue({ ...EXAMPLE_REPO, issueNumber });
      nockReply(issueNumber, replies);
      await comment(6000 + i, issueNumber, "/kaizen false-alarm — the runners were busy", at);
    }
    return replies;
  }

  /** Delivers a deployment at the fixture's step (latency +50 %) and waits for it to be reported. */
  async function deploy(config: string, n: number, options: { issue: boolean }): Promise<Evaluated> {
    const sha = `${n}`.repeat(40).slice(0, 40);
    const sent: Evaluated = { checks: [], comments: [], issues: [] };
    nockConfig(config);
    nockConfig(config);
    nockFirstReport({ ...EXAMPLE_REPO, sha, checkRunId: 9000 + n, pull: { number: n, commentId: 8000 + n }, issueNumber: options.issue ? 700 + n : undefined, sent });
    const payload = deploymentStatusPayload({ statusId: 1000 + n, deploymentId: 500 + n, createdAt: new Date(stepAt * 1000), sha });
    await kaizen.probot.receive({ id: `deploy-${++delivery}`, name: "deployment_status", payload } as never);
    expect(await waitForEvaluation(kaizen.pool, 1000 + n)).toBe("reported");
    return sent;
  }

  describe("a metric muted with /kaizen mute", () => {
    it("is measured but alerts nobody while the mute lasts, listed in every report; after it ends, it alerts again", async () => {
      const mutedAt = new Date();
      clock = new Date(mutedAt.getTime() + 10 * 60_000);
      nockConfig(METRICS);
      nockPermission();
      nockReply(200);
      await comment(6100, 200, "/kaizen mute latency 1h — load test, @ops knows", mutedAt);
      const until = new Date(mutedAt.getTime() + 3_600_000).toISOString().replace(/\.\d{3}Z$/, "Z");

      const muted = await deploy(METRICS, 11, { issue: false });
      const check = muted.checks[0]!;
      expect(check).toMatchObject({ name: "Kaizen performance", conclusion: "success" });
      expect(check["output"].summary).toContain(`🔕 Muted now: **latency** until ${until} (Codertocat: load test, @\u200bops knows).`);
      expect(check["output"].summary).toContain(`  - 🔕 Muted until ${until} by Codertocat: load test, @\u200bops knows (measured, but no issue and no failed check)`);
      expect(check["output"].summary).toMatch(/\| latency \| 🔴 Regression \|/);
      const body = String(muted.comments[0]!["body"]);
      expect(body).toContain("✅ No regressions after deploying");
      expect(body).toContain(`🔕 Muted now: **latency** until ${until}`);
      const { rows } = await kaizen.pool.query("select verdict from metric_results where metric_name = 'latency'");
      expect(rows).toEqual([{ verdict: "regression" }]);

      clock = new Date(mutedAt.getTime() + 2 * 3_600_000);
      const after = await deploy(METRICS, 12, { issue: true });
      expect(after.checks[0]).toMatchObject({ conclusion: "failure" });
      expect(after.checks[0]!["output"].summary).not.toContain("Muted");
      expect(String(after.comments[0]!["body"])).toContain("🔴 **1 regression**");
      expect(after.issues).toHaveLength(1);
    });
  });

  describe("a metric with repeated false alarms", () => {
    it("carries a suggestion on its next alert, from what the marked verdicts measured", async () => {
      clock = new Date();
      await markFalseAlarms(METRICS, [0.55, 0.52], new Date("2026-11-20T10:00:00Z"));
      const sent = await deploy(METRICS, 21, { issue: true });
      const suggestion = "💡 Suggestion: `threshold: 61%`, since 2 false alarms moved at most 55 %";
      expect(String(sent.comments[0]!["body"])).toContain(suggestion);
      expect(sent.checks[0]!["output"].summary).toContain(suggestion);
      expect(sent.checks[0]).toMatchObject({ conclusion: "failure" });
    });
  });

  describe("with feedback.auto_tune", () => {
    const config = `${METRICS}feedback:\n  auto_tune: true\n  tune_after: 3\n  max_raise: 10\n`;

    it("raises the noise floor after 3 false alarms, says so in the reply and in every later verdict", async () => {
      clock = new Date();
      const replies = await markFalseAlarms(config, [0.55, 0.52, 0.4], new Date("2026-11-20T10:00:00Z"));
      expect(String(replies[1]!["body"])).not.toContain("Auto-tune");
      expect(String(replies[2]!["body"])).toContain("🎚️ Auto-tune: **latency** has 3 false alarms marked, so its threshold is raised from 10 % to 61 %; every later verdict says so.");

      const sent = await deploy(config, 31, { issue: false });
      const summary = String(sent.checks[0]!["output"].summary);
      expect(sent.checks[0]).toMatchObject({ conclusion: "success" });
      expect(summary).toMatch(/\| latency \| ⚪ No change \|/);
      expect(summary).toContain("🎚️ Auto-tuned: noise floor raised after 3 false alarms, on 2026-11-20 (threshold 10 % → 61 %)");
      expect(String(sent.comments[0]!["body"])).toContain("noise floor raised after 3 false alarms, on 2026-11-20");
      const { rows } = await kaizen.pool.query("select threshold, verdict from metric_results r join evaluations e on e.id = r.evaluation_id where e.github_status_id = 1031");
      expect(rows).toEqual([{ threshold: { kind: "relative", value: 0.61 }, verdict: "no-change" }]);
    });
  });
});
