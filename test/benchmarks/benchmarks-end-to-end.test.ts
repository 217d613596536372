import { readFileSync } from "node:fs";
import nock from "nock";
import { benchmarkNocks } from "../helpers/nock-benchmarks.js";
import { nockConfig } from "../helpers/nock-app.js";
import { nockCreateCheckRun, nockCreateComment, nockListCheckRuns, nockListComments } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForBenchmarkRun } from "../helpers/wait-for-benchmark-run.js";
import { INSTALLATION_ID, workflowRunPayload, type WorkflowRunOptions } from "../helpers/webhook-payloads.js";

type Body = Record<string, any>;

// Issue 4 end to end: two workflow_run deliveries — a push to main, then a pull request that
// made the benchmarked command 50 % slower — go through both jobs (ingest, compare) on their own, from the
// artifact zip to the check run and the pull request's comment, with hyperfine's real output.
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const { nockListArtifacts, nockDownloadArtifact, zipFiles, nockPullsForCommit, nockDefaultBranch, nockCommits, nockCompare, nockCommitOrder } =
  benchmarkNocks(repo);
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\n";
const HYPERFINE = readFileSync("test/fixtures/benchmarks/hyperfine/hyperfine.json", "utf8");
// Google Benchmark with one run skipped (`"skipped": true`, SkipWithMessage) and one failed (`"error_occurred": true`).
const GOOGLE_SKIPPED = readFileSync("test/fixtures/benchmarks/google-benchmark/skipped.json", "utf8");
const base = "b".repeat(40);
const head = "c".repeat(40);

/** The same hyperfine file with every timing multiplied by `factor`. */
function slower(factor: number): string {
  const parsed = JSON.parse(HYPERFINE) as { results: Body[] };
  for (const result of parsed.results) {
    for (const key of ["mean", "median", "min", "max"]) result[key] *= factor;
    result["times"] = (result["times"] as number[]).map((t) => t * factor);
  }
  return JSON.stringify(parsed);
}

describe("benchmarks from a workflow run to the pull request", () => {
  const kaizen = useKaizen({ localhost: true, accessToken: INSTALLATION_ID, checkPending: false, cleanAfterEach: false });

  async function deliver(options: WorkflowRunOptions): Promise<Body> {
    await kaizen.probot.receive({ id: `run-${options.runId}`, name: "workflow_run", payload: workflowRunPayload(options) } as never);
    return waitForBenchmarkRun(kaizen.pool, options.runId);
  }

  /**
   * A push to main whose artifact holds `files`: ingested, compared, reported on its check run. `after` is main's
   * commit with results already, which Kaizen checks this one comes after.
   */
  async function pushToMain(runId: number, sha: string, files: Record<string, string>, checks: Body[], after?: string): Promise<Body> {
    nockConfig(CONFIG, repo);
    nockListArtifacts(runId, [{ id: runId % 1000, name: "kaizen-benchmarks" }]);
    nockDownloadArtifact(runId % 1000, zipFiles(files));
    nockConfig(CONFIG, repo);
    nockPullsForCommit(sha, []);
    nockDefaultBranch("main");
    if (after) nockCommitOrder(after, sha, "ahead");
    nockCommits(sha, 31, [sha]);
    nockListCheckRuns({ ...repo, sha, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: runId % 10_000, sent: checks });
    return deliver({ runId, headSha: sha, headBranch: "main", event: "push" });
  }

  /** A pull request's run whose merge-base is main's `baseSha`: reported on its check run and in its comment. */
  async function pullRun(runId: number, pull: { number: number; sha: string; baseSha: string; branch: string }, files: Record<string, string>, sent: { checks: Body[]; comments: Body[] }): Promise<Body> {
    const { number, sha, baseSha } = pull;
    nockConfig(CONFIG, repo);
    nockListArtifacts(runId, [{ id: runId % 1000, name: "kaizen-benchmarks" }]);
    nockDownloadArtifact(runId % 1000, zipFiles(files));
    nockConfig(CONFIG, repo);
    nockPullsForCommit(sha, [{ number }]);
    nockCompare("main", sha, baseSha);
    nockCommits(baseSha, 30, [baseSha]);
    nockListCheckRuns({ ...repo, sha, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: runId % 10_000, sent: sent.checks });
    nockListComments({ ...repo, issueNumber: number, pages: [[]] });
    nockCreateComment({ ...repo, issueNumber: number, id: 7000 + number, sent: sent.comments });
    return deliver({ runId, headSha: sha, headBranch: pull.branch, pull: { number, baseRef: "main", baseSha } });
  }

  it("stores main's results, then reports the pull request's regression against its merge-base", async () => {
    // 1. A push to main: ingested, compared with nothing (no earlier results), reported on its check run.
    const mainChecks: Body[] = [];
    const pushed = await pushToMain(40_000_000_001, base, { "hyperfine.json": HYPERFINE }, mainChecks);
    expect(pushed).toMatchObject({ state: "reported", problems: [] });
    expect(mainChecks[0]!["output"].summary).toContain("sleep 0.01");

    // 2. The pull request's run: the merge-base is main's commit, whose results are the baseline.
    const checks: Body[] = [];
    const comments: Body[] = [];
    const reported = await pullRun(40_000_000_002, { number: 7, sha: head, baseSha: base, branch: "slower-sleep" }, { "bench/hyperfine.json": slower(1.5) }, { checks, comments });

    expect(reported).toMatchObject({ state: "reported", problems: [] });
    expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens") && m !== "GET https://api.github.com:443/app")).toEqual([]);
    const summary: string = checks[0]!["output"].summary;
    expect(checks[0]).toMatchObject({ head_sha: head, name: "Kaizen benchmarks" });
    expect(summary).toContain(`${base} on \`main\`, the merge-base of this pull request`);
    expect(summary).toMatch(/\| sleep 0\.01 \(time\) \| 🔴 Regression \| .* \| \+50\.0 % \|/);
    const comment: string = comments[0]!["body"];
    expect(comment).toContain("<!-- kaizen:pr -->");
    expect(comment).toContain("### Benchmarks");
    expect(comment).toMatch(/\*\*sleep 0\.01 \(time\)\*\*: .* \(\+50\.0 %/);
  });

  it("leaves Google Benchmark's skipped and failed runs out of the results and lists them as skipped on the check run and in the PR section", async () => {
    const mainSha = "d".repeat(40);
    const pullSha = "e".repeat(40);
    const notes = [
      { kind: "note", file: "google.json", line: 55, reason: "BM_NeedsGpu was skipped: no GPU on this runner" },
      { kind: "note", file: "google.json", line: 69, reason: "BM_ReadFile failed and was not measured: cannot open data.bin" },
    ];
    const mainChecks: Body[] = [];
    const pushed = await pushToMain(40_000_000_003, mainSha, { "google.json": GOOGLE_SKIPPED }, mainChecks, base);
    expect(pushed).toMatchObject({ state: "reported", problems: notes.map((n) => expect.objectContaining(n)) });

    const checks: Body[] = [];
    const comments: Body[] = [];
    const pull = { number: 8, sha: pullSha, baseSha: mainSha, branch: "gpu-bench" };
    const reported = await pullRun(40_000_000_004, pull, { "google.json": GOOGLE_SKIPPED }, { checks, comments });
    expect(reported).toMatchObject({ state: "reported", problems: notes.map((n) => expect.objectContaining(n)) });
    expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens") && m !== "GET https://api.github.com:443/app")).toEqual([]);

    const { rows } = await kaizen.pool.query("select distinct benchmark from benchmark_results where sha = any($1) order by benchmark", [[mainSha, pullSha]]);
    expect(rows.map((r) => r.benchmark)).toEqual(["fib_10", "fib_20"]);

    const summary: string = checks[0]!["output"].summary;
    expect(checks[0]).toMatchObject({ head_sha: pullSha, name: "Kaizen benchmarks", conclusion: "neutral" });
    expect(summary).toContain(
      "### ℹ️ Skipped or partly read (2)\n\n- `google.json` line 55: BM_NeedsGpu was skipped: no GPU on this runner\n- `google.json` line 69: BM_ReadFile failed and was not measured: cannot open data.bin\n",
    );
    expect(summary).toMatch(/\| fib_20 \(real_time\) \|/);
    expect(summary).not.toMatch(/\| BM_(NeedsGpu|ReadFile)/);
    expect(summary).not.toContain("reading the results");
    const comment: string = comments[0]!["body"];
    expect(comment).toContain("ℹ️ Skipped or partly read:\n- `google.json` line 55: BM_NeedsGpu was skipped: no GPU on this runner\n- `google.json` line 69: BM_ReadFile failed");
    expect(comment).toContain("✅ No benchmark regressions at eeeeeee");
    expect(comment).not.toMatch(/\*\*BM_(NeedsGpu|ReadFile)/);
    expect(mainChecks[0]!["output"].summary).toContain("BM_NeedsGpu was skipped: no GPU on this runner");
  });
});
