import nock from "nock";
import { insertIssue } from "../../src/db/improvement-issues.js";
import { feedbackCommand } from "../../src/feedback/feedback-command.js";
import { recordBenchmarkRun } from "../../src/benchmarks/store/benchmark-runs.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { fixtureMetricsYaml } from "../helpers/fixture-metrics-yaml.js";
import { GITHUB_API, nockCreateComment, nockListComments, nockUpdateComment, nockUpdateIssue } from "../helpers/nock-github.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { listEvaluationMarks, listFalseAlarms } from "../../src/db/verdict-feedback.js";
import { listQualityEvents } from "../../src/feedback/store/quality-events.js";
import { summariseQuality } from "../../src/feedback/model/summarise-quality.js";
import { INSTALLATION_ID, issueCommentPayload, issuesPayload, type IssueCommentOptions } from "../helpers/webhook-payloads.js";

const CONFIG = `
deployments:
  environments: [production]
${fixtureMetricsYaml("latency")}`;
const REPO_ID = 186853002; // Codertocat/Hello-World in the examples
const AUTHOR = "Codertocat"; // the examples' commenter
const REPO_PATH = `/repos/${EXAMPLE_REPO.owner}/${EXAMPLE_REPO.repo}`;
const AT = new Date("2026-11-02T09:10:00Z");
type Sent = Array<Record<string, any>>;

function nockPermission(login: string, permission: string): nock.Scope {
  return nock(GITHUB_API).get(`${REPO_PATH}/collaborators/${login}/permission`).reply(200, { permission, role_name: permission, user: { login } });
}

/** The one reply: Kaizen looks for its marker among the comments first, then posts it. */
function nockReply(issueNumber: number, sent: Sent): void {
  nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
  nockCreateComment({ ...EXAMPLE_REPO, issueNumber, id: 90_000 + issueNumber, sent });
}

/** A mark on an issue by someone with access: config, permission, the issue updated (closed or reopened), the reply. */
function nockMarkOnIssue(issueNumber: number, options: { login?: string; permission?: string; closed?: Sent; replies?: Sent } = {}): void {
  nockConfig(CONFIG);
  nockPermission(options.login ?? AUTHOR, options.permission ?? "write");
  nockUpdateIssue({ ...EXAMPLE_REPO, issueNumber, ...(options.closed ? { sent: options.closed } : {}) });
  nockReply(issueNumber, options.replies ?? []);
}

function nockPull(number: number, sha: string): nock.Scope {
  return nock(GITHUB_API).get(`${REPO_PATH}/pulls/${number}`).reply(200, { number, head: { sha }, merge_commit_sha: null });
}

/** A false alarm on a pull request whose deploy's regression has an open issue: that issue closed and told why, then the reply. */
function nockMarkOnPull(pull: number, sha: string, issueNumber: number, sent: { closed?: Sent; told?: Sent; replies?: Sent } = {}): void {
  nockConfig(CONFIG);
  nockPermission(AUTHOR, "write");
  nockPull(pull, sha);
  nockUpdateIssue({ ...EXAMPLE_REPO, issueNumber, sent: sent.closed ?? [] });
  nockListComments({ ...EXAMPLE_REPO, issueNumber, pages: [[]] });
  nockCreateComment({ ...EXAMPLE_REPO, issueNumber, id: 9000 + issueNumber, sent: sent.told ?? [] });
  nockReply(pull, sent.replies ?? []);
}

describe("feedback on verdicts", () => {
  const kaizen = useKaizen({ accessToken: INSTALLATION_ID, idleJobs: ["sync-radar-item"] });
  let delivery = 0;

  async function comment(options: IssueCommentOptions): Promise<void> {
    const payload = issueCommentPayload({ at: AT, ...options });
    await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
    await waitForJob(kaizen.pool, "feedback-command", String(options.commentId));
  }

  async function label(action: "labeled" | "unlabeled", issueNumber: number, sender = AUTHOR): Promise<void> {
    const id = `label-${++delivery}`;
    const labels = action === "labeled" ? ["kaizen", "kaizen:false-alarm"] : ["kaizen"];
    const payload = issuesPayload(action, { issueNumber, labels, label: "kaizen:false-alarm", sender, at: AT });
    await kaizen.probot.receive({ id, name: "issues", payload: payload as never });
    await waitForJob(kaizen.pool, "feedback-label", id);
  }

  /** A deployment whose latency regressed, and the improvement issue Kaizen opened for it. */
  async function seedIssue(issueNumber: number, sha = "b".repeat(40)): Promise<{ evaluationId: number; issueId: number }> {
    const evaluationId = await seedRegression(sha);
    return { evaluationId, issueId: await insertRegressionIssue(issueNumber, evaluationId) };
  }

  async function seedRegression(sha: string): Promise<number> {
    const target = { repoId: REPO_ID, ...EXAMPLE_REPO, environment: "production", sha };
    const { evaluationId } = await seedReportedEvaluation(kaizen.pool, target, [{ metricName: "latency", verdict: "regression", baseline: 0.1, candidate: 0.155 }]);
    return evaluationId;
  }

  async function insertRegressionIssue(issueNumber: number, evaluationId: number): Promise<number> {
    const issue = await insertIssue(kaizen.pool, {
      repoId: REPO_ID,
      ...EXAMPLE_REPO,
      environment: "production",
      metricName: "latency",
      fingerprint: `${REPO_ID}/production/latency#${issueNumber}`,
      issueNumber,
      levelBefore: 0.1,
      better: "lower",
      threshold: { kind: "relative", value: 0.1 },
      openedByEvaluationId: evaluationId,
    });
    return issue.id;
  }

  /** A benchmark run of a push to main, as its issues are opened by. */
  function recordPushRun(githubRunId: number, headSha: string) {
    const run = { workflowName: "Benchmarks", event: "push", headBranch: "main", headSha, headOwner: null };
    return recordBenchmarkRun(kaizen.pool, { repoId: REPO_ID, ...EXAMPLE_REPO, installationId: INSTALLATION_ID, githubRunId, ...run });
  }

  async function marks(issueNumber: number) {
    const { rows } = await kaizen.pool.query(
      `select kind, metric_name as "metricName", environment, issue_kind as "issueKind", reason, actor, source, link,
              created_at as "createdAt", undone_at as "undoneAt", undone_by as "undoneBy", threshold
         from feedback_marks where repo_id = $1 and issue_number = $2 order by id`,
      [REPO_ID, issueNumber],
    );
    return rows;
  }

  async function issueState(issueId: number): Promise<string> {
    const { rows } = await kaizen.pool.query("select state from improvement_issues where id = $1", [issueId]);
    return rows[0].state;
  }

  describe("issue_comment.created with /kaizen false-alarm on a Kaizen issue", () => {
    it("marks the verdict with who, when and why, closes the issue as not planned and replies once", async () => {
      const { issueId } = await seedIssue(101);
      const closed: Sent = [];
      const replies: Sent = [];
      nockMarkOnIssue(101, { closed, replies });

      await comment({ commentId: 5101, issueNumber: 101, body: "/kaizen false-alarm — runner jitter, @team-perf saw it too" });

      expect(await marks(101)).toEqual([
        {
          kind: "false-alarm",
          metricName: "latency",
          environment: "production",
          issueKind: "deployment",
          reason: "runner jitter, @team-perf saw it too",
          actor: AUTHOR,
          source: "command",
          link: "https://github.com/Codertocat/Hello-World/issues/101#issuecomment-5101",
          createdAt: AT,
          undoneAt: null,
          undoneBy: null,
          threshold: { kind: "relative", value: 0.1 },
        },
      ]);
      expect(closed).toEqual([{ state: "closed", state_reason: "not_planned" }]);
      expect(await issueState(issueId)).toBe("closed");
      expect(replies.map((r) => r["body"])).toEqual([
        [
          "<!-- kaizen:feedback:comment%3A5101 -->",
          "Marked as a **false alarm** by @Codertocat: runner jitter, @\u200bteam-perf saw it too",
          "",
          "- **latency** in **production** (threshold 10 %)",
          "",
          "Closing this issue as not planned. `/kaizen undo` reopens it.",
          "",
        ].join("\n"),
      ]);
    });

    it("does nothing again for the same comment run again", async () => {
      await seedIssue(102);
      nockMarkOnIssue(102, { permission: "admin" });
      const options = { commentId: 5102, issueNumber: 102, body: "/kaizen false-alarm -- a noisy neighbour" };
      await comment(options);
      const job = {
        installationId: INSTALLATION_ID,
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        issueNumber: 102,
        isPull: false,
        commentId: 5102,
        commentUrl: "https://github.com/Codertocat/Hello-World/issues/102#issuecomment-5102",
        body: options.body,
        login: AUTHOR,
        at: AT.toISOString(),
      };
      // Any GitHub call would fail: nothing is mocked any more.
      await feedbackCommand(kaizen.probot, kaizen.deps, job);
      expect(await marks(102)).toHaveLength(1);
    });

    it("refuses someone without write access with one reply, marking and closing nothing", async () => {
      const { issueId } = await seedIssue(103);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission("mallory", "read");
      nockReply(103, replies);
      await comment({ commentId: 5103, issueNumber: 103, login: "mallory", body: "/kaizen false-alarm — I do not like red" });

      const refusal =
        "<!-- kaizen:feedback-answer:103%3Amallory -->\n@mallory, marking Kaizen's verdicts takes write access to this repository, so nothing changed. Someone with write access can do it instead.\n";
      expect(replies.map((r) => r["body"])).toEqual([refusal]);
      expect(await marks(103)).toEqual([]);
      expect(await issueState(issueId)).toBe("open");

      // Another command of theirs on the issue updates that reply: comments cannot make Kaizen post one for each.
      const edits: Sent = [];
      nockConfig(CONFIG);
      nockPermission("mallory", "read");
      nockListComments({ ...EXAMPLE_REPO, issueNumber: 103, pages: [[{ id: 90_103, body: refusal }]] });
      nockUpdateComment({ ...EXAMPLE_REPO, commentId: 90_103, sent: edits });
      await comment({ commentId: 5113, issueNumber: 103, login: "mallory", body: "/kaizen false-alarm — still red" });
      expect(edits.map((r) => r["body"])).toEqual([refusal]);
      expect(await marks(103)).toEqual([]);
    });

    it("explains how to write a command without a reason, before asking for access", async () => {
      await seedIssue(104);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockReply(104, replies);
      await comment({ commentId: 5104, issueNumber: 104, body: "/kaizen false-alarm" });
      expect(replies[0]?.["body"]).toMatch(/^<!-- kaizen:feedback-answer:104%3Acodertocat -->\n@Codertocat, please say why: write the reason after a dash/);
      expect(replies[0]?.["body"]).toContain("`/kaizen mute <metric or benchmark> <duration> — <reason>`");
      expect(await marks(104)).toEqual([]);
    });

    it("says so on an issue Kaizen did not open", async () => {
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockReply(105, replies);
      await comment({ commentId: 5105, issueNumber: 105, body: "/kaizen false-alarm — not ours" });
      expect(replies[0]?.["body"]).toContain("@Codertocat, this is not an issue Kaizen opened.");
      expect(await marks(105)).toEqual([]);
    });
  });

  describe("issue_comment.created with /kaizen false-alarm on a benchmark issue", () => {
    it("marks the benchmark run's verdict the same way, with the issue's kind and threshold", async () => {
      const run = await recordPushRun(31_000_000_001, "f".repeat(40));
      await insertIssue(kaizen.pool, {
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        environment: "main",
        metricName: "BenchmarkParse-8 (ns/op)",
        fingerprint: "benchmarks/186853002/BenchmarkParse-8/ns/op",
        issueNumber: 106,
        levelBefore: 1000,
        better: "lower",
        threshold: { kind: "relative", value: 0.05 },
        openedByEvaluationId: null,
        openedByBenchmarkRunId: run.id,
      });
      nockMarkOnIssue(106);
      await comment({ commentId: 5106, issueNumber: 106, body: "/kaizen false-alarm — the runner was shared" });
      const { rows } = await kaizen.pool.query("select issue_kind, metric_name, evaluation_id, benchmark_run_id::int, threshold from feedback_marks where issue_number = 106");
      expect(rows).toEqual([
        { issue_kind: "benchmark", metric_name: "BenchmarkParse-8 (ns/op)", evaluation_id: null, benchmark_run_id: run.id, threshold: { kind: "relative", value: 0.05 } },
      ]);
    });
  });

  describe("a verdict marked twice", () => {
    it("counts once: the second mark says who marked it already and records nothing", async () => {
      await seedIssue(107);
      nockMarkOnIssue(107);
      await label("labeled", 107);

      const replies: Sent = [];
      nockMarkOnIssue(107, { login: "octocat", replies });
      await comment({ commentId: 5107, issueNumber: 107, login: "octocat", body: "/kaizen false-alarm — same here" });
      expect(await marks(107)).toMatchObject([{ source: "label", actor: AUTHOR }]);
      expect(replies[0]?.["body"]).toContain("- **latency** in **production** (threshold 10 %): marked so already by Codertocat on 2026-11-02");
    });
  });

  describe("issue_comment.created with /kaizen undo", () => {
    it("undoes the mark, keeping it as history, and reopens the issue", async () => {
      const { issueId } = await seedIssue(110);
      nockMarkOnIssue(110);
      await comment({ commentId: 5110, issueNumber: 110, body: "/kaizen false-alarm — looked like jitter" });
      expect(await issueState(issueId)).toBe("closed");

      const reopened: Sent = [];
      const replies: Sent = [];
      nockMarkOnIssue(110, { login: "octocat", permission: "maintain", closed: reopened, replies });
      await comment({ commentId: 5111, issueNumber: 110, login: "octocat", body: "/kaizen undo", at: new Date(AT.getTime() + 60_000) });

      expect(await marks(110)).toMatchObject([{ kind: "false-alarm", actor: AUTHOR, undoneBy: "octocat", undoneAt: new Date(AT.getTime() + 60_000) }]);
      expect(reopened).toEqual([{ state: "open", state_reason: "reopened" }]);
      expect(await issueState(issueId)).toBe("open");
      expect(replies[0]?.["body"]).toBe(
        "<!-- kaizen:feedback:comment%3A5111 -->\nUndone by @octocat: 1 mark taken back.\n\n- false alarm: **latency** in **production**, marked by Codertocat\n\nReopening this issue.\n",
      );
    });
  });

  describe("issues.labeled with kaizen:false-alarm", () => {
    it("marks the issue's verdict, closes it as not planned, and removing the label undoes it", async () => {
      const { issueId } = await seedIssue(120);
      const closed: Sent = [];
      const replies: Sent = [];
      nockMarkOnIssue(120, { closed, replies });
      await label("labeled", 120);

      expect(await marks(120)).toMatchObject([{ kind: "false-alarm", source: "label", reason: "labelled `kaizen:false-alarm`", actor: AUTHOR, undoneAt: null }]);
      expect(closed).toEqual([{ state: "closed", state_reason: "not_planned" }]);
      expect(await issueState(issueId)).toBe("closed");
      expect(replies[0]?.["body"]).toMatch(/^<!-- kaizen:feedback:label%3Alabel-\d+ -->\nMarked as a \*\*false alarm\*\* by @Codertocat: labelled `kaizen:false-alarm`\n/);

      nockMarkOnIssue(120);
      await label("unlabeled", 120);
      expect(await marks(120)).toMatchObject([{ source: "label", undoneBy: AUTHOR }]);
      expect(await issueState(issueId)).toBe("open");
    });

    it("refuses someone without write access, who added the label, with one reply", async () => {
      await seedIssue(121);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission("mallory", "triage");
      nockReply(121, replies);
      await label("labeled", 121, "mallory");
      expect(replies[0]?.["body"]).toContain("@mallory, marking Kaizen's verdicts with the `kaizen:false-alarm` label takes write access");
      expect(await marks(121)).toEqual([]);
    });
  });

  describe("issue_comment.created on a pull request", () => {
    it("/kaizen false-alarm <metric> marks that regression of the deploy of the pull request's commit", async () => {
      const sha = "c".repeat(40);
      const target = { repoId: REPO_ID, ...EXAMPLE_REPO, environment: "staging", sha };
      const verdicts = [
        { metricName: "latency", verdict: "regression" as const, baseline: 0.1, candidate: 0.2 },
        { metricName: "errors", verdict: "regression" as const, baseline: 1, candidate: 2 },
      ];
      const { evaluationId } = await seedReportedEvaluation(kaizen.pool, target, verdicts);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockPull(130, sha);
      nockReply(130, replies);
      await comment({ commentId: 5130, issueNumber: 130, pull: true, body: "/kaizen false-alarm Latency — the cache was cold" });

      const { rows } = await kaizen.pool.query("select metric_name, evaluation_id::int, environment, kind from feedback_marks where issue_number = 130");
      expect(rows).toEqual([{ metric_name: "latency", evaluation_id: evaluationId, environment: "staging", kind: "false-alarm" }]);
      expect(replies[0]?.["body"]).toContain("- **latency** in **staging** (threshold 10 %)\n\n`/kaizen undo` takes the mark back.");
    });

    it("/kaizen false-alarm closes the issue opened for that regression, and /kaizen undo there reopens it", async () => {
      const sha = "9".repeat(40);
      const { evaluationId, issueId } = await seedIssue(134, sha);
      const closed: Sent = [];
      const told: Sent = [];
      nockMarkOnPull(133, sha, 134, { closed, told });
      await comment({ commentId: 5133, issueNumber: 133, pull: true, body: "/kaizen false-alarm — a batch job ran" });

      const { rows } = await kaizen.pool.query("select improvement_issue_id::int as issue, evaluation_id::int as evaluation from feedback_marks where issue_number = 133");
      expect(rows).toEqual([{ issue: issueId, evaluation: evaluationId }]);
      expect(closed).toEqual([{ state: "closed", state_reason: "not_planned" }]);
      expect(told[0]?.["body"]).toBe("<!-- kaizen:feedback:comment%3A5133%3Aissue%3A134 -->\nClosing as not planned: @Codertocat marked this regression a false alarm on #133: a batch job ran\n");
      expect(await issueState(issueId)).toBe("closed");

      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockUpdateIssue({ ...EXAMPLE_REPO, issueNumber: 134 });
      nockReply(133, replies);
      await comment({ commentId: 5134, issueNumber: 133, pull: true, body: "/kaizen undo", at: new Date(AT.getTime() + 60_000) });
      expect(await issueState(issueId)).toBe("open");
      expect(replies[0]?.["body"]).toContain("Reopening #134.");
    });

    it("/kaizen missed <metric> marks a regression Kaizen did not flag", async () => {
      const sha = "d".repeat(40);
      const target = { repoId: REPO_ID, ...EXAMPLE_REPO, environment: "production", sha };
      const { evaluationId } = await seedReportedEvaluation(kaizen.pool, target, [{ metricName: "latency", verdict: "no-change", baseline: 0.1, candidate: 0.104 }]);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockPull(131, sha);
      nockReply(131, replies);
      await comment({ commentId: 5131, issueNumber: 131, pull: true, body: "/kaizen missed latency — p99 doubled, users noticed" });

      const { rows } = await kaizen.pool.query("select metric_name, evaluation_id::int, kind, reason from feedback_marks where issue_number = 131");
      expect(rows).toEqual([{ metric_name: "latency", evaluation_id: evaluationId, kind: "missed", reason: "p99 doubled, users noticed" }]);
      expect(replies[0]?.["body"]).toContain("Marked as **missed** by @Codertocat: p99 doubled, users noticed");
    });

    it("/kaizen missed names the metrics it measured when the one given is not among them", async () => {
      const sha = "e".repeat(40);
      await seedReportedEvaluation(kaizen.pool, { repoId: REPO_ID, ...EXAMPLE_REPO, environment: "production", sha }, [
        { metricName: "latency", verdict: "no-change", baseline: 0.1, candidate: 0.1 },
      ]);
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockPull(132, sha);
      nockReply(132, replies);
      await comment({ commentId: 5132, issueNumber: 132, pull: true, body: "/kaizen missed memory — it leaked" });
      expect(replies[0]?.["body"]).toContain("@Codertocat, `memory` is not a metric Kaizen measured on this pull request's deploys; those are `latency`.");
    });
  });

  describe("issue_comment.created with /kaizen false-alarm on a drift issue", () => {
    /** A regression's evaluation, the drift issue its drift check opened for the same metric, then the regression's issue. */
    async function seedDrift(regressionNumber: number, driftNumber: number, sha: string) {
      const evaluationId = await seedRegression(sha);
      const drift = await insertIssue(kaizen.pool, {
        kind: "drift",
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        environment: "production",
        metricName: "latency",
        fingerprint: `drift/${REPO_ID}/production/latency#${driftNumber}`,
        issueNumber: driftNumber,
        levelBefore: 0.09,
        better: "lower",
        threshold: { kind: "relative", value: 0.05 },
        openedByEvaluationId: evaluationId,
      });
      return { evaluationId, driftId: drift.id, issueId: await insertRegressionIssue(regressionNumber, evaluationId) };
    }

    it("marks the drift, not the verdict of the evaluation whose check opened it", async () => {
      const sha = "7".repeat(40);
      const { evaluationId, issueId, driftId } = await seedDrift(161, 160, sha);
      const evidenceBefore = (await listFalseAlarms(kaizen.pool, REPO_ID, "latency")).length;

      nockMarkOnIssue(160);
      await comment({ commentId: 5160, issueNumber: 160, body: "/kaizen false-alarm — the load test crept up, not the code" });
      expect(await issueState(driftId)).toBe("closed");
      // Replay matches marks to verdicts: this one judges no verdict. Nor is it evidence for the verdict's threshold.
      expect((await listEvaluationMarks(kaizen.pool, REPO_ID)).has(`${evaluationId}/latency`)).toBe(false);
      expect(await listFalseAlarms(kaizen.pool, REPO_ID, "latency")).toHaveLength(evidenceBefore);

      // The regression of the same evaluation and metric, marked on its pull request: a mark of its own.
      const replies: Sent = [];
      nockMarkOnPull(162, sha, 161, { replies });
      await comment({ commentId: 5162, issueNumber: 162, pull: true, body: "/kaizen false-alarm latency — a batch job ran" });
      expect(replies[0]?.["body"]).not.toContain("marked so already");
      expect(await issueState(issueId)).toBe("closed");
      expect((await listEvaluationMarks(kaizen.pool, REPO_ID)).get(`${evaluationId}/latency`)).toBe("false-alarm");

      const { rows } = await kaizen.pool.query(
        `select issue_number, issue_kind, improvement_issue_id::int as issue, evaluation_id::int as evaluation, benchmark_run_id, threshold
           from feedback_marks where issue_number in (160, 162) order by issue_number`,
      );
      expect(rows).toEqual([
        { issue_number: 160, issue_kind: "drift", issue: driftId, evaluation: null, benchmark_run_id: null, threshold: { kind: "relative", value: 0.05 } },
        { issue_number: 162, issue_kind: "deployment", issue: issueId, evaluation: evaluationId, benchmark_run_id: null, threshold: { kind: "relative", value: 0.1 } },
      ]);
    });

    it("a false alarm on the pull request closes the regression's issue, not the drift issue the same evaluation opened", async () => {
      const sha = "8".repeat(40);
      const { issueId, driftId } = await seedDrift(164, 163, sha);
      const closed: Sent = [];
      nockMarkOnPull(165, sha, 164, { closed });
      await comment({ commentId: 5165, issueNumber: 165, pull: true, body: "/kaizen false-alarm — a batch job ran" });
      expect(closed).toEqual([{ state: "closed", state_reason: "not_planned" }]);
      expect(await issueState(issueId)).toBe("closed");
      expect(await issueState(driftId)).toBe("open");
    });

    it("counts each drift issue, of a deployment or a benchmark, as a drift alert, apart from the verdicts", async () => {
      const run = await recordPushRun(31_000_000_170, "6".repeat(40));
      await insertIssue(kaizen.pool, {
        kind: "drift",
        repoId: REPO_ID,
        ...EXAMPLE_REPO,
        environment: "main",
        metricName: "BenchmarkDrift-8 (ns/op)",
        fingerprint: `drift/benchmarks/${REPO_ID}/BenchmarkDrift-8`,
        issueNumber: 171,
        levelBefore: 1000,
        better: "lower",
        threshold: { kind: "relative", value: 0.1 },
        openedByEvaluationId: null,
        openedByBenchmarkRunId: run.id,
      });
      await seedDrift(173, 172, "5".repeat(40));
      nockMarkOnIssue(171);
      await comment({ commentId: 5171, issueNumber: 171, body: "/kaizen false-alarm — a new runner type" });

      const events = await listQualityEvents(kaizen.pool, REPO_ID, new Date(0));
      const of = (metric: string) => events.filter((e) => e.metricName === metric).map(({ event, subject }) => `${event} ${subject}`);
      expect(of("BenchmarkDrift-8 (ns/op)").sort()).toEqual(["alert drift", "false-alarm drift"]);
      const quality = summariseQuality(events).metrics.find((m) => m.subject === "drift" && m.metric === "BenchmarkDrift-8 (ns/op)");
      expect(quality).toMatchObject({ alerts: 1, falseAlarms: 1, precision: 0, setting: "10 %" });
      // The deployment drift issues: one alert each under `drift` with the drift's threshold, apart from the regressions.
      const { rows } = await kaizen.pool.query("select count(*)::int as n from improvement_issues where kind = 'drift' and metric_name = 'latency'");
      const latency = summariseQuality(events.filter((e) => e.metricName === "latency")).metrics;
      expect(latency.find((m) => m.subject === "drift")).toMatchObject({ alerts: rows[0].n, setting: "5 %" });
      expect(latency.find((m) => m.subject === "deployment")).toMatchObject({ setting: "10 %" });
      expect(events.some((e) => e.subject === "benchmark" && e.metricName === "BenchmarkDrift-8 (ns/op)")).toBe(false);
    });
  });

  describe("issue_comment.created with /kaizen mute and unmute", () => {
    it("records the mute from the comment's time, replies with its end, and unmute lifts it", async () => {
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockReply(140, replies);
      await comment({ commentId: 5140, issueNumber: 140, body: "/kaizen mute p95 latency 2d — load test all week" });
      const { rows } = await kaizen.pool.query("select subject, starts_at, until, reason, actor, lifted_at from feedback_mutes where idempotency_key = 'comment:5140'");
      expect(rows).toEqual([
        { subject: "p95 latency", starts_at: AT, until: new Date(AT.getTime() + 2 * 86_400_000), reason: "load test all week", actor: AUTHOR, lifted_at: null },
      ]);
      expect(replies[0]?.["body"]).toContain("🔕 **p95 latency** muted by @Codertocat until 2026-11-04T09:10:00Z: load test all week");

      const unmuted: Sent = [];
      nockConfig(CONFIG);
      nockPermission(AUTHOR, "write");
      nockReply(140, unmuted);
      await comment({ commentId: 5141, issueNumber: 140, body: "/kaizen unmute P95 latency", at: new Date(AT.getTime() + 3_600_000) });
      const lifted = await kaizen.pool.query("select lifted_by from feedback_mutes where idempotency_key = 'comment:5140'");
      expect(lifted.rows).toEqual([{ lifted_by: AUTHOR }]);
      expect(unmuted[0]?.["body"]).toContain("🔔 **p95 latency** unmuted by @Codertocat");
    });

    it("refuses a mute longer than 90 days", async () => {
      const replies: Sent = [];
      nockConfig(CONFIG);
      nockReply(141, replies);
      await comment({ commentId: 5142, issueNumber: 141, body: "/kaizen mute latency 100d — forever" });
      expect(replies[0]?.["body"]).toContain("a mute lasts between a minute and 90d");
    });
  });

  describe("comments the command ignores", () => {
    it("queues nothing for a comment not starting with /kaizen, or one by a bot", async () => {
      const ignored = [
        issueCommentPayload({ commentId: 5150, body: "I think /kaizen false-alarm — maybe" }),
        issueCommentPayload({ commentId: 5151, body: "/kaizen false-alarm — a bot", login: "other-app[bot]" }),
      ];
      ignored[1]!["sender"].type = "Bot";
      for (const payload of ignored) await kaizen.probot.receive({ id: `comment-${++delivery}`, name: "issue_comment", payload: payload as never });
      const { rows } = await kaizen.pool.query("select count(*)::int as n from pgboss.job where name = 'feedback-command' and (data->>'commentId')::int between 5150 and 5151");
      expect(rows[0].n).toBe(0);
    });
  });
});
