import { recordBenchmarkRun } from "../../src/benchmarks/store/benchmark-runs.js";
import {
  closeImprovementIssue,
  findOpenIssue,
  insertIssue,
  listOpenIssues,
  type NewImprovementIssue,
} from "../../src/db/improvement-issues.js";
import { useTestDatabase } from "../helpers/test-database.js";
import { seedEvaluation } from "../helpers/seed-evaluation.js";

describe("improvement issues", () => {
  const db = useTestDatabase();
  let openedBy: number;
  let closedBy: number;
  const statusAt = new Date("2026-03-01T13:00:00Z");
  beforeAll(async () => {
    openedBy = (await seedEvaluation(db.pool)).evaluation.id;
    closedBy = (await seedEvaluation(db.pool)).evaluation.id;
  });

  const anIssue = (fingerprint: string, overrides: Partial<NewImprovementIssue> = {}): NewImprovementIssue => ({
    repoId: 4_200_000_001,
    owner: "octo-org",
    repo: "shop",
    environment: "production",
    metricName: "p95_latency",
    fingerprint,
    issueNumber: 42,
    levelBefore: 0.375,
    better: "lower",
    threshold: { kind: "relative", value: 0.1 },
    openedByEvaluationId: openedBy,
    ...overrides,
  });

  it("records an open issue and finds it by fingerprint", async () => {
    const issue = await insertIssue(db.pool, anIssue("fp-find"));
    expect(issue).toEqual({
      ...anIssue("fp-find"),
      id: expect.any(Number),
      kind: "regression",
      state: "open",
      closedByEvaluationId: null,
      openedByBenchmarkRunId: null,
      closedByBenchmarkRunId: null,
      lastSha: null,
      lastStatusAt: null,
      createdAt: expect.any(Date),
      closedAt: null,
    });
    expect(await findOpenIssue(db.pool, "fp-find")).toEqual(issue);
    expect(await findOpenIssue(db.pool, "fp-unknown")).toBeNull();
  });

  it("allows only one open issue per fingerprint, but a new one once the old is closed", async () => {
    const first = await insertIssue(db.pool, anIssue("fp-unique"));
    await expect(insertIssue(db.pool, anIssue("fp-unique", { issueNumber: 43 }))).rejects.toMatchObject({
      code: "23505",
      constraint: "improvement_issues_open_fingerprint",
    });
    await closeImprovementIssue(db.pool, first.id, { evaluationId: closedBy, statusAt });
    const second = await insertIssue(db.pool, anIssue("fp-unique", { issueNumber: 44 }));
    expect(await findOpenIssue(db.pool, "fp-unique")).toEqual(second);
  });

  it("closes an open issue once, naming the evaluation that saw the recovery", async () => {
    const issue = await insertIssue(db.pool, anIssue("fp-close"));
    const closed = await closeImprovementIssue(db.pool, issue.id, { evaluationId: closedBy, statusAt });
    expect(closed).toEqual({ ...issue, state: "closed", closedByEvaluationId: closedBy, lastStatusAt: statusAt, closedAt: expect.any(Date) });
    expect(await closeImprovementIssue(db.pool, issue.id, { evaluationId: closedBy, statusAt })).toBeNull();
    expect(await findOpenIssue(db.pool, "fp-close")).toBeNull();
  });

  it("lists the open issues of one repository and environment, oldest first", async () => {
    const repoId = 4_200_000_099;
    const a = await insertIssue(db.pool, anIssue("fp-list-a", { repoId }));
    const b = await insertIssue(db.pool, anIssue("fp-list-b", { repoId, metricName: "error_rate", levelBefore: null }));
    const closed = await insertIssue(db.pool, anIssue("fp-list-c", { repoId }));
    await closeImprovementIssue(db.pool, closed.id, { evaluationId: closedBy, statusAt });
    await insertIssue(db.pool, anIssue("fp-list-staging", { repoId, environment: "staging" }));
    await insertIssue(db.pool, anIssue("fp-list-other-repo", { repoId: repoId + 1 }));

    expect(await listOpenIssues(db.pool, repoId, "production")).toEqual([a, b]);
  });

  describe("benchmark issues", () => {
    const aRun = (githubRunId: number) =>
      recordBenchmarkRun(db.pool, {
        repoId: 4_200_000_001, owner: "octo-org", repo: "shop", installationId: 1, githubRunId, workflowName: "Benchmarks",
        event: "push", headBranch: "main", headSha: "a".repeat(40), headOwner: null,
      });

    it("records an issue opened by a benchmark run and closes it with another run", async () => {
      const opener = await aRun(14_000_000_001);
      const closer = await aRun(14_000_000_002);
      const issue = await insertIssue(db.pool, anIssue("benchmarks/fp-open", { environment: "main", openedByEvaluationId: null, openedByBenchmarkRunId: opener.id }));
      expect(issue).toMatchObject({ state: "open", openedByEvaluationId: null, openedByBenchmarkRunId: opener.id, closedByBenchmarkRunId: null });

      const closedBy = { runId: closer.id, sha: "b".repeat(40) };
      const closed = await closeImprovementIssue(db.pool, issue.id, closedBy);
      expect(closed).toEqual({ ...issue, state: "closed", closedByBenchmarkRunId: closer.id, lastSha: closedBy.sha, closedAt: expect.any(Date) });
      expect(await closeImprovementIssue(db.pool, issue.id, closedBy)).toBeNull();
    });

    it("needs exactly one of an evaluation and a benchmark run to have opened it", async () => {
      const run = await aRun(14_000_000_003);
      const constraint = { code: "23514", constraint: "improvement_issues_one_opener" };
      await expect(insertIssue(db.pool, anIssue("fp-none", { openedByEvaluationId: null }))).rejects.toMatchObject(constraint);
      await expect(insertIssue(db.pool, anIssue("fp-both", { openedByBenchmarkRunId: run.id }))).rejects.toMatchObject(constraint);
    });
  });
});
