import nock from "nock";
import { compareBenchmarks } from "../../src/benchmarks/compare-benchmarks.js";
import { saveBenchmarkResults, type BenchmarkResultInput } from "../../src/benchmarks/store/benchmark-results.js";
import { recordBenchmarkRun, setBenchmarkRunState } from "../../src/benchmarks/store/benchmark-runs.js";
import { benchmarkNocks } from "../helpers/nock-benchmarks.js";
import { EXAMPLE_REPO, nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API, nockCreateCheckRun, nockCreateComment, nockListCheckRuns, nockListComments } from "../helpers/nock-github.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { waitForJob } from "../helpers/wait-for-job.js";
import { INSTALLATION_ID, issueCommentPayload } from "../helpers/webhook-payloads.js";

const repo = EXAMPLE_REPO;
const REPO_ID = 186853002; // Codertocat/Hello-World in the examples: the comment's repository
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\n  gate: true\n";
const SAMPLES = [1000, 1010, 990, 1005, 995, 1002, 998, 1008, 992, 1001];
const sha = (label: string) => label.padEnd(40, "0");
type Sent = Array<Record<string, any>>;

function goResult(benchmark: string, factor: number): BenchmarkResultInput {
  const samples = SAMPLES.map((v) => v * factor);
  const value = samples.reduce((a, b) => a + b, 0) / samples.length;
  return { benchmark, measure: "ns/op", unit: "ns", better: "lower", value, samples, file: "bench.txt", format: "go" };
}

describe("a benchmark muted with /kaizen mute", () => {
  const kaizen = useKaizen({ localhost: true, accessToken: INSTALLATION_ID });
  const { nockPullsForCommit, nockCompare, nockCommits } = benchmarkNocks(repo);
  let githubRunId = 21_000_000_000;

  async function ingested(branch: string, commit: string, results: BenchmarkResultInput[]): Promise<number> {
    const run = await recordBenchmarkRun(kaizen.pool, {
      repoId: REPO_ID,
      ...repo,
      installationId: INSTALLATION_ID,
      githubRunId: githubRunId++,
      workflowName: "Benchmarks",
      event: branch === "main" ? "push" : "pull_request",
      headBranch: branch,
      headSha: commit,
      headOwner: null,
    });
    await saveBenchmarkResults(kaizen.pool, { id: run.id, repoId: REPO_ID, branch, sha: commit }, results);
    await setBenchmarkRunState(kaizen.pool, run.id, "ingested", { problems: [] });
    return run.id;
  }

  it("is compared and shown, fails no gate, and the mute is listed on the check run and the PR comment", async () => {
    const muteReplies: Sent = [];
    nockConfig(CONFIG);
    nock(GITHUB_API).get(`/repos/${repo.owner}/${repo.repo}/collaborators/Codertocat/permission`).reply(200, { permission: "admin", role_name: "admin" });
    nockListComments({ ...repo, issueNumber: 9, pages: [[]] });
    nockCreateComment({ ...repo, issueNumber: 9, id: 9009, sent: muteReplies });
    const payload = issueCommentPayload({ commentId: 7700, issueNumber: 9, pull: true, body: "/kaizen mute BenchmarkParse-8 1d — new parser lands next week", at: new Date() });
    await kaizen.probot.receive({ id: "mute-1", name: "issue_comment", payload: payload as never });
    await waitForJob(kaizen.pool, "feedback-command", "7700");
    expect(muteReplies[0]?.["body"]).toContain("🔕 **BenchmarkParse-8** muted by @Codertocat until");

    const base = sha("b1"), head = sha("b2");
    const baseRun = await ingested("main", base, [goResult("BenchmarkParse-8", 1)]);
    await setBenchmarkRunState(kaizen.pool, baseRun, "reported");
    const runId = await ingested("feature", head, [goResult("BenchmarkParse-8", 1.3)]);
    const checks: Sent = [];
    const comments: Sent = [];
    nockConfig(CONFIG);
    nockPullsForCommit(head, [{ number: 9 }]);
    nockCompare("main", head, base);
    nockCommits(base, 30, [base]);
    nockListCheckRuns({ ...repo, sha: head, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 3101, sent: checks });
    nockListComments({ ...repo, issueNumber: 9, pages: [[{ id: 9009, body: muteReplies[0]!["body"] }]] });
    nockCreateComment({ ...repo, issueNumber: 9, id: 9010, sent: comments });
    await compareBenchmarks(kaizen.probot, kaizen.deps, runId);

    expect(checks[0]).toMatchObject({ name: "Kaizen benchmarks", conclusion: "success" });
    const summary = String(checks[0]!["output"].summary);
    expect(summary).toMatch(/\| BenchmarkParse-8 \(ns\/op\) \| 🔴 Regression \|/);
    expect(summary).toMatch(/🔕 Muted now: \*\*BenchmarkParse-8\*\* until \S+ \(Codertocat: new parser lands next week\)\. A muted benchmark is compared, but opens no issue and fails no check\./);
    const body = String(comments[0]!["body"]);
    expect(body).toContain("✅ No benchmark regressions at");
    expect(body).toContain("🔕 Muted now: **BenchmarkParse-8**");
  });
});
