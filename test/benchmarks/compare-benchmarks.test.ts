import nock from "nock";
import { saveBenchmarkResults, type BenchmarkResultInput } from "../../src/benchmarks/store/benchmark-results.js";
import { recordBenchmarkRun, setBenchmarkRunState, type BenchmarkProblem } from "../../src/benchmarks/store/benchmark-runs.js";
import { compareBenchmarks } from "../../src/benchmarks/compare-benchmarks.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import {
  GITHUB_API,
  nockCreateCheckRun,
  nockCreateComment,
  nockCreateIssue,
  nockListCheckRuns,
  nockListComments,
  nockListOpenIssues,
  nockUpdateCheckRun,
  nockUpdateComment,
  nockUpdateIssue,
} from "../helpers/nock-github.js";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { benchmarkNocks } from "../helpers/nock-benchmarks.js";
import { INSTALLATION_ID } from "../helpers/webhook-payloads.js";
import { TRIES_ON_5XX } from "../helpers/production-octokit.js";

type Body = Record<string, any>;
const repo = EXAMPLE_REPO;
const REPO_PATH = `/repos/${repo.owner}/${repo.repo}`;
const REPO_ID = 4_300_000_001;
const CHECK = "Kaizen benchmarks";
const sha = (label: string) => label.padEnd(40, "0");

const config = ({ gate = false, comment = "always" } = {}) => `
benchmarks:
  workflows: [Benchmarks]
  threshold: 10%
  gate: ${gate}
  overrides:
    - name: "Alloc*"
      better: higher
issues:
  labels: [performance]
comment: ${comment}
`;

// Ten samples around 1000 (median 1000.5); `times` scales them, so a factor of 1.3 is a clean +30 %.
const SAMPLES = [1000, 1010, 990, 1005, 995, 1002, 998, 1008, 992, 1001];
const times = (factor: number, values = SAMPLES) => values.map((v) => v * factor);

function goResult(benchmark: string, samples: number[], overrides: Partial<BenchmarkResultInput> = {}): BenchmarkResultInput {
  const value = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { benchmark, measure: "ns/op", unit: "ns", better: "lower", value, samples, file: "bench.txt", format: "go", ...overrides };
}
function k6Result(value: number, benchmark = "checkout"): BenchmarkResultInput {
  const measure = "http_req_duration p(95)";
  return { benchmark, measure, unit: "ms", better: null, value, samples: null, file: "k6.json", format: "k6" };
}

const { nockPullsForCommit, nockForkPulls, nockCompare, nockCommitOrder, nockCommits, nockDefaultBranch } = benchmarkNocks(repo);

/** Polls until the run reaches one of `states` (the queue's worker runs it on its own schedule). */
async function waitForRunState(pool: RunningKaizen["pool"], runId: number, states: string[], timeoutMs = 20000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ state: string }>("select state from benchmark_runs where id = $1", [runId]);
    const state = rows[0]?.state ?? "missing";
    if (states.includes(state)) return state;
    if (Date.now() > deadline) throw new Error(`benchmark run ${runId} still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("compare-benchmarks", () => {
  const kaizen = useKaizen({ localhost: true, accessToken: INSTALLATION_ID });
  let githubRunId = 20_000_000_000;

  /** A run as ingest leaves it: recorded, its results stored for (branch, sha), state ingested. */
  async function ingested(
    run: { branch: string; sha: string; event?: string; headOwner?: string; problems?: BenchmarkProblem[] },
    results: BenchmarkResultInput[],
  ): Promise<number> {
    const recorded = await recordBenchmarkRun(kaizen.pool, {
      repoId: REPO_ID,
      ...repo,
      installationId: INSTALLATION_ID,
      githubRunId: githubRunId++,
      workflowName: "Benchmarks",
      event: run.event ?? (run.branch === "main" ? "push" : "pull_request"),
      headBranch: run.branch,
      headSha: run.sha,
      headOwner: run.headOwner ?? null,
    });
    // Ingest files a fork's results under `owner:branch`.
    const branch = run.headOwner ? `${run.headOwner}:${run.branch}` : run.branch;
    await saveBenchmarkResults(kaizen.pool, { id: recorded.id, repoId: REPO_ID, branch, sha: run.sha }, results);
    await setBenchmarkRunState(kaizen.pool, recorded.id, "ingested", { problems: run.problems ?? [] });
    return recorded.id;
  }
  /** Results on main from an earlier run, only there to be found as a baseline or as history. */
  async function onMain(commit: string, results: BenchmarkResultInput[]): Promise<void> {
    const runId = await ingested({ branch: "main", sha: commit }, results);
    await setBenchmarkRunState(kaizen.pool, runId, "reported");
  }
  async function runState(runId: number) {
    const { rows } = await kaizen.pool.query(`select state, note, check_run_id as "checkRunId" from benchmark_runs where id = $1`, [runId]);
    return rows[0] as { state: string; note: string | null; checkRunId: string | null };
  }
  const compare = (runId: number) => compareBenchmarks(kaizen.probot, kaizen.deps, runId);
  /** Through the queue, as ingest hands a run over, until the worker has finished with it. */
  async function compareQueued(runId: number): Promise<void> {
    await kaizen.deps.queue.send("compare-benchmarks", { runId }, { key: String(runId) });
    await waitForRunState(kaizen.pool, runId, ["reported", "failed"]);
  }

  describe("a pull request whose merge-base has results", () => {
    const base = sha("a1"), head = sha("a2");
    const checks: Body[] = [];
    const comments: Body[] = [];
    let runId: number;

    it("compares every benchmark with the merge-base and fails the check on a regression under the gate", async () => {
      await onMain(base, [
        goResult("BenchmarkParse-8", SAMPLES),
        goResult("BenchmarkRender-8", SAMPLES),
        goResult("BenchmarkEncode-8", times(0.2), { measure: "MB/s", unit: "MB/s", better: "higher" }),
        goResult("AllocCount-8", SAMPLES, { measure: "allocs/op", unit: "allocs" }),
        goResult("BenchmarkOld-8", SAMPLES),
      ]);
      runId = await ingested({ branch: "feature", sha: head }, [
        goResult("BenchmarkParse-8", times(1.3)),
        goResult("BenchmarkRender-8", [...SAMPLES].reverse()),
        goResult("BenchmarkEncode-8", times(0.2 * 1.3), { measure: "MB/s", unit: "MB/s", better: "higher" }),
        goResult("AllocCount-8", times(0.7), { measure: "allocs/op", unit: "allocs" }),
        goResult("BenchmarkNew-8", SAMPLES),
      ]);
      nockConfig(config({ gate: true }));
      nockPullsForCommit(head, [{ number: 7 }, { number: 3, headSha: sha("ff"), state: "open" }]);
      nockCompare("main", head, base);
      nockCommits(base, 30, [base, sha("a0")]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: [] });
      nockCreateCheckRun({ ...repo, id: 3001, sent: checks });
      nockListComments({ ...repo, issueNumber: 7, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 7, id: 7001, sent: comments });

      await compare(runId);

      expect(checks).toHaveLength(1);
      const check = checks[0]!;
      expect(check).toMatchObject({ name: CHECK, head_sha: head, external_id: `kaizen-benchmarks:${runId}`, conclusion: "failure" });
      expect(check["output"].title).toBe("2 regressions, 1 improvement, 1 no change");
      const summary: string = check["output"].summary;
      expect(summary).toContain(`- **Baseline:** ${base} on \`main\`, the merge-base of this pull request.`);
      expect(summary).toContain("on `feature` at " + head + " for [#7]");
      expect(summary).toMatch(/\| BenchmarkParse-8 \(ns\/op\) \| 🔴 Regression \| 1,001 ns \| 1,301 ns \| \+30\.0 % \| p < 0\.001, n = 10 vs 10, Cliff's δ \+1\.00 \|/);
      expect(summary).toMatch(/\| BenchmarkEncode-8 \(MB\/s\) \| 🟢 Improvement \|/);
      expect(summary).toMatch(/\| BenchmarkRender-8 \(ns\/op\) \| ⚪ No change \|/);
      // The format says lower is better for allocs/op; the override says higher, so fewer allocations regress.
      expect(summary).toMatch(/\| AllocCount-8 \(allocs\/op\) \| 🔴 Regression \|/);
      expect(summary).toContain("higher is better (from kaizen.yml)");
      expect(summary).toContain("higher is better (as the result format says)");
      expect(summary).toContain("**New** (nothing to compare with at the baseline): BenchmarkNew-8 (ns/op) 1,000 ns.");
      expect(summary).toContain("**Removed** (at the baseline, not in this run): BenchmarkOld-8 (ns/op).");

      expect(comments).toHaveLength(1);
      const comment: string = comments[0]!["body"];
      expect(comment).toContain("<!-- kaizen:pr -->");
      expect(comment).toContain("### Benchmarks");
      expect(comment.indexOf("🔴 **2 regressions**")).toBeLessThan(comment.indexOf("<details>"));
      expect(comment).toMatch(/- \*\*BenchmarkParse-8 \(ns\/op\)\*\*: 1,001 ns → 1,301 ns \(\+30\.0 %; p < 0\.001/);
      expect(comment).toContain("🟢 Improved: **BenchmarkEncode-8 (MB/s)** +30.0 %.");
      expect(comment).toMatch(/<details>\n<summary>All 4 benchmarks: 2 regressions, 1 improvement, 1 no change<\/summary>\n\n\| Benchmark \|/);

      expect(await runState(runId)).toEqual({ state: "reported", note: null, checkRunId: "3001" });
    });

    it("does nothing when the job is delivered again after it reported", async () => {
      await compare(runId);
      expect(await runState(runId)).toMatchObject({ state: "reported" });
    });

    it("updates the same check run and comment when a retry runs the whole job again", async () => {
      await setBenchmarkRunState(kaizen.pool, runId, "ingested");
      const updated: Body[] = [];
      nockConfig(config({ gate: true }));
      nockPullsForCommit(head, [{ number: 7 }]);
      nockCompare("main", head, base);
      nockCommits(base, 30, [base, sha("a0")]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: [{ id: 3001, external_id: `kaizen-benchmarks:${runId}` }] });
      nockUpdateCheckRun({ ...repo, id: 3001, sent: updated });
      nockUpdateComment({ ...repo, commentId: 7001, sent: updated });

      await compare(runId);

      expect(updated.map((body) => body["conclusion"] ?? "comment")).toEqual(["failure", "comment"]);
      expect(updated[1]!["body"]).toBe(comments[0]!["body"]);
      expect(await runState(runId)).toMatchObject({ state: "reported" });
    });
  });

  describe("a pull request whose merge-base has no results", () => {
    it("uses the nearest ancestor with results, says how far back, and judges single values by main's noise", async () => {
      const mergeBase = sha("b0"), older = sha("b1"), ancestor = sha("b2"), head = sha("b9");
      // Main's history of the measure: consecutive differences 4, 6, 4, 3, 4 → noise 1.4826 × 4 = 5.9 ms (3.0 %).
      const history = [200, 204, 198, 202, 199, 203];
      for (const [i, value] of history.entries()) await onMain(sha(`bh${i}`), [k6Result(value)]);
      await onMain(ancestor, [k6Result(200)]);
      const problems: BenchmarkProblem[] = [
        { file: "results/broken.json", line: 3, reason: "unexpected token `}`", fix: "Upload the file the tool wrote, unedited." },
      ];
      const runId = await ingested({ branch: "feature-b", sha: head, problems }, [k6Result(260)]);
      const checks: Body[] = [];
      const comments: Body[] = [];
      nockConfig(config());
      nockPullsForCommit(head, [{ number: 8 }]);
      nockCompare("main", head, mergeBase);
      nockCommits(mergeBase, 30, [mergeBase, older, ancestor, sha("b3")]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: [] });
      nockCreateCheckRun({ ...repo, id: 3002, sent: checks });
      nockListComments({ ...repo, issueNumber: 8, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 8, sent: comments });

      await compare(runId);

      const check = checks[0]!;
      // gate off: the regression alone would succeed; a file that could not be read makes it neutral.
      expect(check["conclusion"]).toBe("neutral");
      expect(check["output"].title).toBe("1 regression; 1 problem reading the results");
      const summary: string = check["output"].summary;
      const baselineLine = `- **Baseline:** ${ancestor} on \`main\`, 2 commits before the merge-base ${mergeBase.slice(0, 7)}, the nearest with results.`;
      expect(summary).toContain(baselineLine);
      expect(summary).toMatch(/\| checkout \(http_req_duration p\(95\)\) \| 🔴 Regression \| 200 ms \| 260 ms \| \+30\.0 % \| p < 0\.001; noise ±3\.0 % between runs \(6 on main\) \|/);
      expect(summary).toContain("One value per run, judged against the run-to-run noise of `main`");
      expect(summary).toContain("### ⚠️ 1 problem reading the results");
      expect(summary).toContain("- `results/broken.json` line 3: unexpected token `}`\n  - Fix: Upload the file the tool wrote, unedited.");

      const comment: string = comments[0]!["body"];
      expect(comment).toContain(baselineLine);
      expect(comment).toContain("⚠️ 1 problem reading the results, each with its fix on the \"Kaizen benchmarks\" check run.");
    });
  });

  describe("a pull request with no results anywhere near its merge-base", () => {
    it("calls every benchmark inconclusive and says where it looked", async () => {
      const mergeBase = sha("c0"), head = sha("c9");
      const runId = await ingested({ branch: "feature-c", sha: head }, [k6Result(300, "search")]);
      const checks: Body[] = [];
      nockConfig(config({ comment: "on-regression" }));
      nockPullsForCommit(head, [{ number: 11 }]);
      nockCompare("main", head, mergeBase);
      nockCommits(mergeBase, 30, [mergeBase, sha("c1"), sha("c2")]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: [] });
      nockCreateCheckRun({ ...repo, sent: checks });
      // comment: on-regression and nothing regressed: no first comment (no GitHub call is mocked for one).

      await compare(runId);

      const check = checks[0]!;
      expect(check["conclusion"]).toBe("neutral");
      const reason = `no results on main at or before the merge-base ${mergeBase.slice(0, 7)} in the last 30 commits`;
      expect(check["output"].summary).toContain(`- **Baseline:** none: ${reason}.`);
      expect(check["output"].summary).toContain(`- **search (http_req_duration p(95))**, 🟡 Inconclusive: ${reason}`);
      const { rows } = await kaizen.pool.query("select key from pr_comment_sections where pr_number = 11");
      expect(rows).toEqual([{ key: "benchmarks" }]);
    });
  });

  describe("a pull request from a fork", () => {
    it("is found by the fork's owner and branch, and a single value without enough history is inconclusive", async () => {
      const mergeBase = sha("d0"), head = sha("d9");
      await onMain(sha("d5"), [k6Result(0.5, "startup")]);
      await onMain(mergeBase, [k6Result(0.5, "startup")]);
      const runId = await ingested({ branch: "patch-1", sha: head, headOwner: "forker" }, [k6Result(0.9, "startup")]);
      const checks: Body[] = [];
      const comments: Body[] = [];
      nockConfig(config());
      nockForkPulls("forker:patch-1", [{ number: 9, head }]);
      nockCompare("main", head, mergeBase);
      nockCommits(mergeBase, 30, [mergeBase]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: [] });
      nockCreateCheckRun({ ...repo, sent: checks });
      nockListComments({ ...repo, issueNumber: 9, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 9, sent: comments });

      await compareQueued(runId);

      expect(await runState(runId)).toMatchObject({ state: "reported" });
      const summary: string = checks[0]!["output"].summary;
      expect(summary).toContain(`- **Baseline:** ${mergeBase} on \`main\`, the merge-base of this pull request.`);
      expect(summary).toContain(
        "🟡 Inconclusive: one value per run and only 1 of the 3 earlier results on main needed to estimate its noise",
      );
      expect(comments[0]!["body"]).toContain("for [#9](https://github.com/Codertocat/Hello-World/pull/9)");
    });
  });

  describe("pushes to the default branch", () => {
    const before = sha("e0"), older = sha("e05"), regressed = sha("e1"), recovered = sha("e2");
    const issues: Body[] = [];
    let regressedRun: number;

    function nockPush(head: string, parent: string, checkRun: { id: number; existing?: number; sent?: Body[] }) {
      nockConfig(config());
      nockPullsForCommit(head, []);
      nockDefaultBranch();
      nockCommits(head, 31, [head, parent]);
      nockListCheckRuns({ ...repo, sha: head, name: CHECK, runs: checkRun.existing ? [{ id: checkRun.id, external_id: `kaizen-benchmarks:${checkRun.existing}` }] : [] });
      if (checkRun.existing) nockUpdateCheckRun({ ...repo, id: checkRun.id, sent: checkRun.sent });
      else nockCreateCheckRun({ ...repo, id: checkRun.id, sent: checkRun.sent });
    }

    it("opens an improvement issue for a regression, against the parent", async () => {
      await onMain(before, [goResult("BenchmarkQuery-8", SAMPLES)]);
      regressedRun = await ingested({ branch: "main", sha: regressed }, [goResult("BenchmarkQuery-8", times(1.5))]);
      const checks: Body[] = [];
      nockPush(regressed, before, { id: 3010, sent: checks });
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 77, sent: issues });

      await compare(regressedRun);

      expect(checks[0]!["output"].summary).toContain(`- **Baseline:** ${before} on \`main\`, the parent of ${regressed.slice(0, 7)}.`);
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ title: "Benchmark regression: BenchmarkQuery-8 (ns/op) on main", labels: ["kaizen", "performance"] });
      expect(issues[0]!["body"]).toContain("<!-- kaizen:issue:benchmarks");
      expect(issues[0]!["body"]).toContain("Level before the regression: **1,001 ns**.");
      const { rows } = await kaizen.pool.query(
        `select state, environment, opened_by_benchmark_run_id::int as "openedBy" from improvement_issues where issue_number = 77`,
      );
      expect(rows).toEqual([{ state: "open", environment: "main", openedBy: regressedRun }]);
    });

    it("opens no second issue when the same run is compared again", async () => {
      await setBenchmarkRunState(kaizen.pool, regressedRun, "ingested");
      nockPush(regressed, before, { id: 3010, existing: regressedRun });

      await compare(regressedRun);

      const { rows } = await kaizen.pool.query("select count(*)::int as n from improvement_issues where issue_number = 77");
      expect(rows).toEqual([{ n: 1 }]);
    });

    it("neither comments on nor closes the issue from an older push whose run finished late, but reports its check run", async () => {
      // `older` sits between `before` and `regressed`: its run finishing now must not read as a recovery (issue 17).
      const runId = await ingested({ branch: "main", sha: older }, [goResult("BenchmarkQuery-8", SAMPLES)]);
      const checks: Body[] = [];
      nockPush(older, before, { id: 3012, sent: checks });
      nockCommitOrder(regressed, older, "behind");

      await compare(runId);

      expect(checks[0]!["output"].summary).toMatch(/\| BenchmarkQuery-8 \(ns\/op\) \| ⚪ No change \|/);
      const { rows } = await kaizen.pool.query(`select state, last_sha as "lastSha" from improvement_issues where issue_number = 77`);
      expect(rows).toEqual([{ state: "open", lastSha: regressed }]);
    });

    it("closes the issue when a later push is back within the threshold of the level before", async () => {
      const runId = await ingested({ branch: "main", sha: recovered }, [goResult("BenchmarkQuery-8", times(1.02))]);
      const sent: Body[] = [];
      nockPush(recovered, regressed, { id: 3011 });
      nockCommitOrder(regressed, recovered, "ahead");
      nockListComments({ ...repo, issueNumber: 77, pages: [[]] });
      nockCreateComment({ ...repo, issueNumber: 77, sent });
      nockUpdateIssue({ ...repo, issueNumber: 77, sent });

      await compare(runId);

      expect(sent[0]!["body"]).toContain("### ✅ Recovered");
      expect(sent[0]!["body"]).toContain("is back to 1,021 ns at " + recovered.slice(0, 7) + ", within 10 % of 1,001 ns");
      expect(sent[1]).toEqual({ state: "closed", state_reason: "completed" });
      const { rows } = await kaizen.pool.query(
        `select state, closed_by_benchmark_run_id::int as "closedBy" from improvement_issues where issue_number = 77`,
      );
      expect(rows).toEqual([{ state: "closed", closedBy: runId }]);
    });

    const rewritten = sha("f1"), dropped = sha("e3");
    const tipOf = async () => (await kaizen.pool.query(`select sha from benchmark_issue_tips where repo_id = $1`, [REPO_ID])).rows[0]?.sha;

    it("follows main after a force-push: a push on the rewritten line, which main holds and the tip no longer, becomes the tip", async () => {
      // main is force-pushed from `recovered` to `rewritten` (a child of `before`): no later push would ever descend
      // from the recorded tip again, so waiting for one would leave the issues stuck.
      const runId = await ingested({ branch: "main", sha: rewritten }, [goResult("BenchmarkQuery-8", times(1.5))]);
      const sent: Body[] = [];
      nockPush(rewritten, before, { id: 3013 });
      nockCommitOrder(recovered, rewritten, "diverged");
      nockCommitOrder(recovered, "main", "diverged");
      nockCommitOrder(rewritten, "main", "identical");
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 78, sent });

      await compare(runId);

      expect(sent).toEqual([expect.objectContaining({ title: "Benchmark regression: BenchmarkQuery-8 (ns/op) on main" })]);
      expect(await tipOf()).toBe(rewritten);
      const { rows } = await kaizen.pool.query(`select state, last_sha as "lastSha" from improvement_issues where issue_number = 78`);
      expect(rows).toEqual([{ state: "open", lastSha: rewritten }]);
    });

    it("keeps a late run of a commit the force-push dropped off the tip: main holds the tip, so the issues stay as they are", async () => {
      const runId = await ingested({ branch: "main", sha: dropped }, [goResult("BenchmarkQuery-8", times(1.02))]);
      const checks: Body[] = [];
      nockPush(dropped, recovered, { id: 3014, sent: checks });
      nockCommitOrder(rewritten, dropped, "diverged");
      nockCommitOrder(rewritten, "main", "identical");

      await compare(runId);

      expect(checks[0]!["output"].summary).toMatch(/\| BenchmarkQuery-8 \(ns\/op\) \| ⚪ No change \|/);
      expect(await tipOf()).toBe(rewritten);
      const { rows } = await kaizen.pool.query(`select state, last_sha as "lastSha" from improvement_issues where issue_number = 78`);
      expect(rows).toEqual([{ state: "open", lastSha: rewritten }]);
    });
  });

  describe("a run that is neither a pull request's head nor a push to the default branch", () => {
    it("reports only its ingest problems, and nothing at all without any", async () => {
      const problems: BenchmarkProblem[] = [
        { file: "kaizen-benchmarks", line: null, reason: "the run uploaded no artifact named kaizen-benchmarks", fix: "Upload the results with actions/upload-artifact." },
      ];
      const withProblems = await ingested({ branch: "spike", sha: sha("g1"), event: "push", problems }, []);
      const quiet = await ingested({ branch: "spike", sha: sha("g2"), event: "push" }, [k6Result(1, "spike")]);
      const checks: Body[] = [];
      for (const head of [sha("g1"), sha("g2")]) {
        nockConfig(config());
        nockPullsForCommit(head, []);
        nockDefaultBranch();
      }
      nockListCheckRuns({ ...repo, sha: sha("g1"), name: CHECK, runs: [] });
      nockCreateCheckRun({ ...repo, id: 3020, sent: checks });

      await compare(withProblems);
      await compare(quiet);

      expect(checks).toHaveLength(1);
      expect(checks[0]).toMatchObject({ head_sha: sha("g1"), conclusion: "neutral" });
      expect(checks[0]!["output"].title).toBe("No benchmarks compared; 1 problem reading the results");
      expect(checks[0]!["output"].summary).toContain(
        "- `kaizen-benchmarks`: the run uploaded no artifact named kaizen-benchmarks\n  - Fix: Upload the results with actions/upload-artifact.",
      );
      const note = "not the head of an open pull request nor a push to the default branch: nothing to compare with";
      expect(await runState(withProblems)).toEqual({ state: "reported", note, checkRunId: "3020" });
      expect(await runState(quiet)).toEqual({ state: "reported", note, checkRunId: null });
    });
  });

  describe("a compare job that fails on every attempt", () => {
    let flaky: RunningKaizen;
    beforeAll(async () => {
      flaky = await startKaizen({ retryLimit: 0 });
    });
    afterAll(() => flaky.stop());

    it("marks the run failed with the last error", async () => {
      const recorded = await recordBenchmarkRun(flaky.pool, {
        repoId: REPO_ID, ...repo, installationId: INSTALLATION_ID, githubRunId: 29_000_000_000,
        workflowName: "Benchmarks", event: "pull_request", headBranch: "feature-f", headSha: sha("f9"), headOwner: null,
      });
      await setBenchmarkRunState(flaky.pool, recorded.id, "ingested");
      nock(GITHUB_API).get(`${REPO_PATH}/contents/${encodeURIComponent(".github/kaizen.yml")}`).times(TRIES_ON_5XX).reply(500, { message: "boom" });

      await flaky.deps.queue.send("compare-benchmarks", { runId: recorded.id }, { key: String(recorded.id) });

      expect(await waitForRunState(flaky.pool, recorded.id, ["failed", "reported"])).toBe("failed");
      const { rows } = await flaky.pool.query("select note from benchmark_runs where id = $1", [recorded.id]);
      expect(rows[0].note).toMatch(/^gave up after every retry: .*boom/);
    });
  });
});
