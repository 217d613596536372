import nock from "nock";
import { confirmRegressions } from "../../src/deployments/confirm-regressions.js";
import { formatWindow } from "../../src/markdown/format.js";
import { deploymentStatusPayload, INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { startKaizen, waitForEvaluation } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { TRIES_ON_5XX } from "../helpers/production-octokit.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { EXAMPLE_REPO, nockAccessToken, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateCheckRun, nockCreateComment, nockCreateIssue, nockListCheckRuns, nockListComments, nockListOpenIssues, nockListPullsForCommit } from "../helpers/nock-github.js";

const SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const repo = EXAMPLE_REPO;
const MINUTE = 60_000;
type Body = Record<string, any>;

/** One metric; `issues` and `deployments` lines as each scenario needs them. */
function config(metric: { name: string; series: string }, extra = ""): string {
  return `
metrics:
  - name: ${metric.name}
    query: ${metric.series}{env="{{environment}}"}
    unit: s
${extra}`;
}

interface ConfirmationRow {
  metric_name: string;
  confirmation: string | null;
  confirmation_start: Date | null;
  confirmation_end: Date | null;
  confirmation_verdict: string | null;
  confirmation_reason: string | null;
  confirmation_median: number | null;
  verdict: string;
}

describe("confirming a regression before opening its issue", () => {
  const { stepAt } = readPrometheusFixture();
  const deployedAt = new Date(stepAt * 1000);
  let now: Date | null = null;
  // The real Prometheus; GitHub stays mocked, the token exchange persisted once for the file (no clean between tests).
  const kaizen = useKaizen({ localhost: true, now: () => now ?? new Date(), allowPending: ["access_tokens"], cleanAfterEach: false });
  beforeAll(() => nockAccessToken(INSTALLATION_ID).persist());
  afterEach(() => {
    now = null;
  });

  const deliver = (statusId: number) =>
    kaizen.probot.receive({
      id: `d-${statusId}`,
      name: "deployment_status",
      payload: deploymentStatusPayload({ statusId, deploymentId: statusId, createdAt: deployedAt }),
    } as never);

  async function evaluationId(statusId: number): Promise<number> {
    const { rows } = await kaizen.pool.query("select id::int from evaluations where github_status_id = $1", [statusId]);
    return rows[0].id;
  }
  async function confirmations(statusId: number): Promise<ConfirmationRow[]> {
    const { rows } = await kaizen.pool.query<ConfirmationRow>(
      `select metric_name, verdict, confirmation, confirmation_start, confirmation_end, confirmation_verdict,
              confirmation_reason, confirmation_median
       from metric_results where evaluation_id = $1 order by position`,
      [await evaluationId(statusId)],
    );
    return rows;
  }
  /** Waits (bounded) until the evaluation's confirmation job has settled every pending confirmation. */
  async function waitForConfirmations(statusId: number, timeoutMs = 20_000): Promise<ConfirmationRow[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await confirmations(statusId);
      const asked = rows.filter((row) => row.confirmation !== null);
      if (asked.length > 0 && asked.every((row) => row.confirmation !== "pending")) return rows;
      if (Date.now() > deadline) throw new Error(`confirmations of status ${statusId}: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  async function confirmJobs(statusId: number): Promise<Array<{ start_after: Date; state: string }>> {
    const { rows } = await kaizen.pool.query(
      "select start_after, state from pgboss.job where name = 'confirm-regressions' and data->>'evaluationId' = $1",
      [String(await evaluationId(statusId))],
    );
    return rows;
  }
  async function issuesOf(metricName: string): Promise<Array<{ issue_number: number; opened_by_evaluation_id: string }>> {
    const { rows } = await kaizen.pool.query(
      "select issue_number, opened_by_evaluation_id from improvement_issues where metric_name = $1",
      [metricName],
    );
    return rows;
  }

  describe("when a late event's confirmation window has already passed (default confirm: 30m)", () => {
    const yaml = config({ name: "latency", series: "kaizen_test_latency_seconds" });

    it("comments and checks at once, then confirms from the data and opens the issue saying so", async () => {
      const writes: Body[] = [];
      nockConfig(yaml);
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
      nockListComments({ ...repo, issueNumber: 1, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 1, id: 7001, sent: writes });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9001, sent: writes });
      // The confirmation job: the config again, then the issue, found missing by its marker and opened.
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 77, sent: writes });

      await deliver(1001);
      expect(await waitForEvaluation(kaizen.pool, 1001)).toBe("reported");
      const [row] = await waitForConfirmations(1001);

      // Comment, check run, then (only after both) the issue.
      expect(writes.map((w) => (w.title ? "issue" : w.name ? "check" : "comment"))).toEqual(["comment", "check", "issue"]);
      const issue = writes[2]!;
      expect(issue.title).toBe("Performance regression: latency in production");
      expect(issue.body).toContain("### Confirmed on a later window");
      const candidateEnd = deployedAt.getTime() + 40 * MINUTE; // soak 10m + window 30m
      expect(row).toMatchObject({
        verdict: "regression",
        confirmation: "confirmed",
        confirmation_start: new Date(candidateEnd),
        confirmation_end: new Date(candidateEnd + 30 * MINUTE),
        confirmation_verdict: "regression",
      });
      expect(row!.confirmation_median).toBeCloseTo(0.15, 2);
      const later = { start: new Date(candidateEnd), end: new Date(candidateEnd + 30 * MINUTE) };
      expect(issue.body).toContain(`**Later window:** ${formatWindow(later)}`);
      expect(await issuesOf("latency")).toEqual([{ issue_number: 77, opened_by_evaluation_id: String(await evaluationId(1001)) }]);
    });

    it("does nothing when the confirmation job is delivered again", async () => {
      // No GitHub call is mocked: any write (or read) would fail this run.
      await confirmRegressions(kaizen.probot, kaizen.deps, await evaluationId(1001));
      expect((await confirmations(1001)).map((row) => row.confirmation)).toEqual(["confirmed"]);
    });

    it("opens no second issue when a retry comes after the issue opened but before it was settled", async () => {
      const id = await evaluationId(1001);
      await kaizen.pool.query("update metric_results set confirmation = 'pending' where evaluation_id = $1", [id]);
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [{ number: 1 }] });

      await confirmRegressions(kaizen.probot, kaizen.deps, id);

      expect((await confirmations(1001)).map((row) => row.confirmation)).toEqual(["confirmed"]);
      expect(await issuesOf("latency")).toHaveLength(1);
    });
  });

  describe("when the regression is a blip the later window does not show", () => {
    const yaml = config(
      { name: "blip latency", series: "kaizen_test_blip_latency_seconds" },
      "deployments:\n  soak: 5m\n  window: 30m\nissues:\n  confirm: 30m\n",
    );

    it("reports the regression at once but opens no issue, recording why it was not confirmed", async () => {
      const checks: Body[] = [];
      nockConfig(yaml);
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9002, sent: checks });
      nockConfig(yaml); // the confirmation job reads the config; nothing else, as nothing is confirmed

      await deliver(2001);
      expect(await waitForEvaluation(kaizen.pool, 2001)).toBe("reported");
      const [row] = await waitForConfirmations(2001);

      expect(checks[0]?.output.summary).toMatch(/Regression/);
      expect(row).toMatchObject({ verdict: "regression", confirmation: "not-confirmed", confirmation_verdict: "no-change" });
      expect(row!.confirmation_reason).toMatch(/^The later window shows no change: /);
      expect(row!.confirmation_median).toBeCloseTo(0.1, 2);
      expect(await issuesOf("blip latency")).toEqual([]);
    });
  });

  describe("when the confirmation window has not closed yet", () => {
    const yaml = config(
      { name: "latency (scheduled)", series: "kaizen_test_latency_seconds" },
      "deployments:\n  soak: 5m\n  window: 30m\nissues:\n  confirm: 30m\n",
    );

    it("queues the confirmation for when it closes, and opens the issue when it runs", async () => {
      const candidateEnd = deployedAt.getTime() + 35 * MINUTE;
      // The evaluation runs a minute after its candidate window closed; the later window closes 29 min on.
      now = new Date(candidateEnd + MINUTE);
      const issues: Body[] = [];
      nockConfig(yaml);
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9003 });
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 78, sent: issues });

      await deliver(3001);
      expect(await waitForEvaluation(kaizen.pool, 3001)).toBe("reported");
      expect(await confirmJobs(3001)).toEqual([
        expect.objectContaining({ start_after: new Date(candidateEnd + 30 * MINUTE) }),
      ]);
      // The test's clock said "29 minutes early"; pg-boss's clock is the real one, where that time has passed.
      const [row] = await waitForConfirmations(3001);

      expect(row?.confirmation).toBe("confirmed");
      expect(issues).toHaveLength(1);
      expect(await issuesOf("latency (scheduled)")).toHaveLength(1);
    });

    it("comments the evidence instead when another deployment's issue opened meanwhile", async () => {
      const id = await evaluationId(3001);
      // Play the race: another deployment's confirmation opened the metric's issue while this one waited.
      const other = await evaluationId(1001);
      await kaizen.pool.query("update improvement_issues set opened_by_evaluation_id = $1 where issue_number = 78", [other]);
      await kaizen.pool.query("update metric_results set confirmation = 'pending' where evaluation_id = $1", [id]);
      const evidence: Body[] = [];
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListComments({ ...repo, issueNumber: 78, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 78, id: 7002, sent: evidence });

      await confirmRegressions(kaizen.probot, kaizen.deps, id);

      expect(evidence).toHaveLength(1);
      expect(evidence[0]?.body).toContain("Still regressed after another deployment");
      expect(await issuesOf("latency (scheduled)")).toHaveLength(1);
      expect((await confirmations(3001)).map((row) => row.confirmation)).toEqual(["confirmed"]);
    });
  });

  describe("when issues.confirm is 0", () => {
    const yaml = config({ name: "latency (at once)", series: "kaizen_test_latency_seconds" }, "issues:\n  confirm: 0\n");

    it("opens the issue during the evaluation and queues no confirmation", async () => {
      const issues: Body[] = [];
      nockConfig(yaml);
      nockConfig(yaml);
      nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
      nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
      nockCreateCheckRun({ ...repo, id: 9004 });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 79, sent: issues });

      await deliver(4001);
      expect(await waitForEvaluation(kaizen.pool, 4001)).toBe("reported");

      expect(issues).toHaveLength(1);
      expect(issues[0]?.body).not.toContain("Confirmed on a later window");
      expect((await confirmations(4001)).map((row) => row.confirmation)).toEqual([null]);
      expect(await confirmJobs(4001)).toEqual([]);
    });
  });

  describe("when the confirmation job fails on every attempt", () => {
    it("records the failure on the pending confirmation, not on the reported evaluation", async () => {
      const yaml = config({ name: "latency", series: "kaizen_test_latency_seconds" });
      const once = await startKaizen({ retryLimit: 0 });
      try {
        nockConfig(yaml);
        nockConfig(yaml);
        nockListPullsForCommit({ ...repo, sha: SHA, pulls: [] });
        nockListCheckRuns({ ...repo, sha: SHA, name: "Kaizen performance", runs: [] });
        nockCreateCheckRun({ ...repo, id: 9005 });
        nock(GITHUB_API)
          .get(`/repos/${repo.owner}/${repo.repo}/contents/${encodeURIComponent(".github/kaizen.yml")}`)
          .times(TRIES_ON_5XX)
          .reply(503, { message: "Service Unavailable" });

        const payload = deploymentStatusPayload({ statusId: 5001, deploymentId: 5001, createdAt: deployedAt });
        await once.probot.receive({ id: "d-5001", name: "deployment_status", payload } as never);
        expect(await waitForEvaluation(once.pool, 5001)).toBe("reported");

        const deadline = Date.now() + 20_000;
        let rows: Array<{ confirmation: string; confirmation_reason: string | null }> = [];
        while (Date.now() < deadline) {
          ({ rows } = await once.pool.query("select confirmation, confirmation_reason from metric_results"));
          if (rows[0]?.confirmation !== "pending") break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(rows).toEqual([
          { confirmation: "failed", confirmation_reason: expect.stringMatching(/^gave up after every retry: .*Service Unavailable/) },
        ]);
        const { rows: evaluations } = await once.pool.query("select state from evaluations");
        expect(evaluations).toEqual([{ state: "reported" }]);
      } finally {
        await once.stop();
      }
    });
  });
});
