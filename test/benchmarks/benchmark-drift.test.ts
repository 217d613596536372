import nock from "nock";
import { compareToHistory } from "../../src/analysis/compare-to-history.js";
import { recordBenchmarkRun } from "../../src/benchmarks/store/benchmark-runs.js";
import { saveBenchmarkResults, type BenchmarkResultInput } from "../../src/benchmarks/store/benchmark-results.js";
import { syncBenchmarkDrift } from "../../src/benchmarks/sync-benchmark-drift.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "../../src/benchmarks/report-context.js";
import { KaizenConfig } from "../../src/config/schema/kaizen-config.js";
import {
  nockCreateComment,
  nockCreateIssue,
  nockListComments,
  nockListOpenIssues,
  nockUpdateIssue,
  testOctokit,
} from "../helpers/nock-github.js";
import { useTestDatabase } from "../helpers/test-database.js";

// The drift check over the default branch's benchmark history (issue 12), on real PostgreSQL with GitHub mocked:
// a sampled benchmark and a single-value one each get 3 % slower per commit, under the 10 % threshold.

const REPO_ID = 4_300_000_001;
const tenPercent = { kind: "relative", value: 0.1 } as const;
const config = KaizenConfig.parse({});
const wiggle = [0.002, -0.003, 0.001, 0.003, -0.002, 0, -0.001, 0.002, -0.003, 0.001];
let githubRunId = 14_000_000_000;

function comparison(benchmark: string, measure: string, method: "samples" | "history"): BenchmarkComparisonReport {
  const result = compareToHistory({ baseline: 100, head: 103, history: [100, 101, 100], branch: "main" }, { better: "lower", threshold: tenPercent, alpha: 0.01 });
  return { name: `${benchmark} (${measure})`, benchmark, measure, unit: "ns", better: "lower", betterFrom: "format", threshold: tenPercent, method, result, evidence: "" };
}

function pushReport(sha: string): BenchmarkReport {
  return {
    repo: { owner: "octo-org", repo: "shop" },
    sha,
    branch: "main",
    workflowName: "Benchmarks",
    runUrl: "https://github.com/octo-org/shop/actions/runs/1",
    pull: null,
    baseBranch: "main",
    baseline: null,
    noBaseline: null,
    gate: false,
    benchmarks: [comparison("BenchmarkParse-8", "ns/op", "samples"), comparison("checkout", "p95", "history")],
    added: [],
    removed: [],
    problems: [],
    notes: [],
  };
}

describe("syncBenchmarkDrift", () => {
  const db = useTestDatabase();
  const sha = (k: number) => (k + 16).toString(16).padStart(2, "0").repeat(20);
  let lastRunId = 0;

  async function push(k: number, level: number): Promise<void> {
    const run = await recordBenchmarkRun(db.pool, {
      repoId: REPO_ID, owner: "octo-org", repo: "shop", installationId: 3_900_000_001, githubRunId: githubRunId++,
      workflowName: "Benchmarks", event: "push", headBranch: "main", headSha: sha(k), headOwner: null,
    });
    lastRunId = run.id;
    const results: BenchmarkResultInput[] = [
      { benchmark: "BenchmarkParse-8", measure: "ns/op", unit: "ns", better: "lower", value: level, samples: [level * 0.99, level, level * 1.01], file: "go.txt", format: "go" },
      { benchmark: "checkout", measure: "p95", unit: "ns", better: "lower", value: level * (1 + wiggle[k % wiggle.length]!), samples: null, file: "k6.json", format: "k6" },
    ];
    await saveBenchmarkResults(db.pool, { id: run.id, repoId: REPO_ID, branch: "main", sha: sha(k) }, results);
  }
  const check = (k: number, report = pushReport(sha(k))) => syncBenchmarkDrift(testOctokit(), db.pool, { report, repoId: REPO_ID, runId: lastRunId, config, now: new Date() });
  const rows = async () => (await db.pool.query("select kind, state, environment, metric_name, fingerprint, level_before from improvement_issues order by id")).rows;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  it("opens no drift issue while the commits are too few to tell a trend", async () => {
    for (let k = 0; k <= 5; k += 1) await push(k, 100 * 1.03 ** k);
    await check(5);
    expect(await rows()).toEqual([]);
  });

  it("opens no drift issue for a muted benchmark (/kaizen mute, as the report carries it)", async () => {
    for (let k = 6; k <= 8; k += 1) await push(k, 100 * 1.03 ** k);
    const mute = { until: new Date(Date.now() + 86_400_000), actor: "Codertocat", reason: "new runners" };
    const report = pushReport(sha(8));
    const muted = { ...report, benchmarks: report.benchmarks.map((b) => ({ ...b, feedback: { mute } })) };
    await check(8, muted);
    expect(await rows()).toEqual([]);
  });

  it("opens one drift issue per benchmark, sampled and single-value, once the commits add up beyond the threshold", async () => {
    const sent: Array<Record<string, any>> = [];
    nockListOpenIssues({ pages: [[]] });
    nockListOpenIssues({ pages: [[]] });
    nockCreateIssue({ number: 31, sent });
    nockCreateIssue({ number: 32, sent });
    await check(8);

    expect(sent.map((s) => s.title)).toEqual([
      "Performance drift: BenchmarkParse-8 (ns/op) in main",
      "Performance drift: checkout (p95) in main",
    ]);
    for (const body of sent.map((s) => String(s.body))) {
      expect(body).toMatch(/has drifted in \*\*main\*\*: from 10\d ns to 12\d ns \(\+2\d\.\d %\) over 8 commits/);
      expect(body).toMatch(/Test that decided: one-sided t test on the steps between consecutive levels, on 8 steps \(each commit's level minus the one before\)/);
      expect(body).toContain("Effective sample size: 8 steps, one per commit");
      expect(body).toContain(`| ${sha(1).slice(0, 7)} |`);
    }
    expect(await rows()).toEqual([
      expect.objectContaining({ kind: "drift", state: "open", environment: "main", metric_name: "BenchmarkParse-8 (ns/op)", fingerprint: expect.stringMatching(/^drift\/benchmarks\//) }),
      expect.objectContaining({ kind: "drift", state: "open", environment: "main", metric_name: "checkout (p95)" }),
    ]);
  });

  it("rewrites the open issues with the latest evidence on the next push instead of opening more", async () => {
    await push(9, 100 * 1.03 ** 9);
    const sent: Array<Record<string, any>> = [];
    nockUpdateIssue({ issueNumber: 31, sent });
    nockUpdateIssue({ issueNumber: 32, sent });
    await check(9);
    expect(sent.map((s) => String(s.body))).toEqual([expect.stringMatching(/over 9 commits/), expect.stringMatching(/over 9 commits/)]);
    expect(await rows()).toHaveLength(2);
  });

  it("closes each drift issue with a comment when the benchmark is back at its old level", async () => {
    await push(10, 100.5);
    const comments: Array<Record<string, any>> = [];
    const closed: Array<Record<string, any>> = [];
    for (const issueNumber of [31, 32]) {
      nockListComments({ issueNumber, pages: [[]] });
      nockCreateComment({ issueNumber, id: 900 + issueNumber, sent: comments });
      nockUpdateIssue({ issueNumber, sent: closed });
    }
    await check(10);
    expect(comments.map((c) => String(c.body))).toEqual([
      expect.stringMatching(new RegExp(`^<!-- kaizen:evidence:.*-->\n\\*\\*BenchmarkParse-8 \\(ns\\/op\\)\\*\\* is back in \\*\\*main\\*\\*: 101 ns after ${sha(10).slice(0, 7)}, within 10 % of the level before the drift`)),
      expect.stringMatching(/\*\*checkout \(p95\)\*\* is back in \*\*main\*\*/),
    ]);
    expect(closed).toEqual([expect.objectContaining({ state: "closed" }), expect.objectContaining({ state: "closed" })]);
    expect((await rows()).map((r) => r.state)).toEqual(["closed", "closed"]);
  });
});
