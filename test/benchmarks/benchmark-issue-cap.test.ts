import nock from "nock";
import { compareToHistory } from "../../src/analysis/compare-to-history.js";
import type { BenchmarkComparisonReport, BenchmarkReport } from "../../src/benchmarks/report-context.js";
import { recordBenchmarkRun } from "../../src/benchmarks/store/benchmark-runs.js";
import { MAX_NEW_ISSUES_PER_RUN, syncBenchmarkIssues } from "../../src/benchmarks/sync-benchmark-issues.js";
import { TEST_REPO, nockCreateIssue, nockListOpenIssues, testOctokit } from "../helpers/nock-github.js";
import { useTestDatabase } from "../helpers/test-database.js";

const REPO_ID = 10_000_000_001;
const threshold = { kind: "relative", value: 0.1 } as const;

function regression(name: string): BenchmarkComparisonReport {
  const result = compareToHistory({ baseline: 100, head: 200, history: [100, 101, 100, 101], branch: "main" }, { better: "lower", threshold, alpha: 0.01 });
  return { name, benchmark: name, measure: "time", unit: "ms", better: "lower", betterFrom: "default", threshold, method: "history", result, evidence: "p < 0.001" };
}

function report(benchmarks: BenchmarkComparisonReport[], sha: string): BenchmarkReport {
  return {
    repo: { ...TEST_REPO }, sha, branch: "main", workflowName: "Benchmarks", runUrl: "https://github.com/octo-org/shop/actions/runs/1",
    pull: null, baseBranch: "main", baseline: { sha: "a".repeat(40), distance: 0, how: "parent", from: "a".repeat(40) },
    noBaseline: null, gate: false, benchmarks, added: [], removed: [], problems: [], notes: [],
  };
}

describe("benchmark issues of one run (issue 10, item 11)", () => {
  const db = useTestDatabase();
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });
  afterAll(() => nock.enableNetConnect());

  it(`opens at most ${MAX_NEW_ISSUES_PER_RUN} however many benchmarks regress, and a retry of the run opens none more`, async () => {
    const sha = "c".repeat(40);
    const run = await recordBenchmarkRun(db.pool, {
      repoId: REPO_ID, owner: TEST_REPO.owner, repo: TEST_REPO.repo, installationId: 1, githubRunId: 16_000_000_001, workflowName: "Benchmarks",
      event: "push", headBranch: "main", headSha: sha, headOwner: null,
    });
    const regressions = Array.from({ length: 40 }, (_, i) => regression(`BenchmarkHostile${i}`));
    const sent: Array<Record<string, unknown>> = [];
    for (let i = 0; i < MAX_NEW_ISSUES_PER_RUN; i++) {
      nockListOpenIssues({ pages: [[]] });
      nockCreateIssue({ number: 100 + i, sent });
    }

    const sync = { report: report(regressions, sha), repoId: REPO_ID, runId: run.id, labels: ["performance"] };
    await syncBenchmarkIssues(testOctokit(), db.pool, sync);
    expect(sent).toHaveLength(MAX_NEW_ISSUES_PER_RUN);

    // The job retried: the allowance counts what the run opened already, so GitHub is not called again.
    await syncBenchmarkIssues(testOctokit(), db.pool, sync);
    const { rows } = await db.pool.query("select count(*)::int as n from improvement_issues where opened_by_benchmark_run_id = $1", [run.id]);
    expect(rows[0].n).toBe(MAX_NEW_ISSUES_PER_RUN);
  });
});
