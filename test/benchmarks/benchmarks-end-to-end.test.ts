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
const { nockListArtifacts, nockDownloadArtifact, zipFiles, nockPullsForCommit, nockDefaultBranch, nockCommits, nockCompare } =
  benchmarkNocks(repo);
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\n";
const HYPERFINE = readFileSync("test/fixtures/benchmarks/hyperfine/hyperfine.json", "utf8");
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

  it("stores main's results, then reports the pull request's regression against its merge-base", async () => {
    // 1. A push to main: ingested, compared with nothing (no earlier results), reported on its check run.
    const mainChecks: Body[] = [];
    nockConfig(CONFIG, repo);
    nockListArtifacts(40_000_000_001, [{ id: 801, name: "kaizen-benchmarks" }]);
    nockDownloadArtifact(801, zipFiles({ "hyperfine.json": HYPERFINE }));
    nockConfig(CONFIG, repo);
    nockPullsForCommit(base, []);
    nockDefaultBranch("main");
    nockCommits(base, 31, [base]);
    nockListCheckRuns({ ...repo, sha: base, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 9001, sent: mainChecks });

    const pushed = await deliver({ runId: 40_000_000_001, headSha: base, headBranch: "main", event: "push" });
    expect(pushed).toMatchObject({ state: "reported", problems: [] });
    expect(mainChecks[0]!["output"].summary).toContain("sleep 0.01");

    // 2. The pull request's run: the merge-base is main's commit, whose results are the baseline.
    const checks: Body[] = [];
    const comments: Body[] = [];
    nockConfig(CONFIG, repo);
    nockListArtifacts(40_000_000_002, [{ id: 802, name: "kaizen-benchmarks" }]);
    nockDownloadArtifact(802, zipFiles({ "bench/hyperfine.json": slower(1.5) }));
    nockConfig(CONFIG, repo);
    nockPullsForCommit(head, [{ number: 7 }]);
    nockCompare("main", head, base);
    nockCommits(base, 30, [base]);
    nockListCheckRuns({ ...repo, sha: head, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 9002, sent: checks });
    nockListComments({ ...repo, issueNumber: 7, pages: [[]] });
    nockCreateComment({ ...repo, issueNumber: 7, id: 7101, sent: comments });

    const pull = { number: 7, baseRef: "main", baseSha: base };
    const reported = await deliver({ runId: 40_000_000_002, headSha: head, headBranch: "slower-sleep", pull });

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
});
