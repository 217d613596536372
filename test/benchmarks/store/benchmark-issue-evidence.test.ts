import { findBenchmarkIssueEvidence, recordBenchmarkIssueEvidence } from "../../../src/benchmarks/store/benchmark-issue-evidence.js";
import { recordBenchmarkRun } from "../../../src/benchmarks/store/benchmark-runs.js";
import { insertIssue } from "../../../src/db/improvement-issues.js";
import { useTestDatabase } from "../../helpers/test-database.js";

describe("benchmark issue evidence", () => {
  const db = useTestDatabase();

  it("remembers the first comment a run posted on an issue, and only for that run", async () => {
    const run = (githubRunId: number) =>
      recordBenchmarkRun(db.pool, {
        repoId: 1, owner: "octo-org", repo: "shop", installationId: 1, githubRunId, workflowName: "Benchmarks",
        event: "push", headBranch: "main", headSha: "b".repeat(40), headOwner: null,
      });
    const opener = await run(15_000_000_001);
    const later = await run(15_000_000_002);
    const issue = await insertIssue(db.pool, {
      repoId: 1, owner: "octo-org", repo: "shop", environment: "main", metricName: "BenchmarkParse-8 (ns/op)",
      fingerprint: "benchmarks/1/x", issueNumber: 5, levelBefore: 1000, better: "lower",
      threshold: { kind: "relative", value: 0.1 }, openedByEvaluationId: null, openedByBenchmarkRunId: opener.id,
    });

    expect(await findBenchmarkIssueEvidence(db.pool, issue.id, later.id)).toBeNull();
    await recordBenchmarkIssueEvidence(db.pool, issue.id, later.id, 9_000_000_001);
    await recordBenchmarkIssueEvidence(db.pool, issue.id, later.id, 9_000_000_002);
    expect(await findBenchmarkIssueEvidence(db.pool, issue.id, later.id)).toBe(9_000_000_001);
    expect(await findBenchmarkIssueEvidence(db.pool, issue.id, opener.id)).toBeNull();
  });
});
