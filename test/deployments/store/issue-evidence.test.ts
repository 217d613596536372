import { insertIssue } from "../../../src/db/improvement-issues.js";
import { findIssueEvidence, recordIssueEvidence } from "../../../src/deployments/store/issue-evidence.js";
import { useTestDatabase } from "../../helpers/test-database.js";
import { seedEvaluation } from "../../helpers/seed-evaluation.js";

describe("issue evidence", () => {
  const db = useTestDatabase();
  let issueId: number;
  let evaluationId: number;
  beforeAll(async () => {
    evaluationId = (await seedEvaluation(db.pool)).evaluation.id;
    const issue = await insertIssue(db.pool, {
      repoId: 1,
      owner: "o",
      repo: "r",
      environment: "production",
      metricName: "p95_latency",
      fingerprint: "fp",
      issueNumber: 7,
      levelBefore: 0.3,
      better: "lower",
      threshold: { kind: "relative", value: 0.1 },
      openedByEvaluationId: evaluationId,
    });
    issueId = issue.id;
  });

  it("has no evidence until it is recorded, then finds it", async () => {
    expect(await findIssueEvidence(db.pool, issueId, evaluationId)).toBeNull();
    expect(await recordIssueEvidence(db.pool, issueId, evaluationId, 2_400_000_001)).toBe(true);
    expect(await findIssueEvidence(db.pool, issueId, evaluationId)).toEqual({
      issueId,
      evaluationId,
      commentId: 2_400_000_001,
      createdAt: expect.any(Date),
    });
  });

  it("keeps the first comment when a retried job records the same evidence again", async () => {
    const other = (await seedEvaluation(db.pool)).evaluation.id;
    expect(await recordIssueEvidence(db.pool, issueId, other, 11)).toBe(true);
    expect(await recordIssueEvidence(db.pool, issueId, other, 12)).toBe(false);
    expect(await findIssueEvidence(db.pool, issueId, other)).toMatchObject({ commentId: 11 });
  });
});
