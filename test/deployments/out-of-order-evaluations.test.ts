import nock from "nock";
import { findOpenIssue } from "../../src/db/improvement-issues.js";
import { issueFingerprint, syncImprovementIssues } from "../../src/deployments/sync-improvement-issues.js";
import { evaluationReport, metric } from "../helpers/report-fixtures.js";
import { nockCreateComment, nockCreateIssue, nockListComments, nockListOpenIssues, nockUpdateIssue, testOctokit } from "../helpers/nock-github.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { seedEvaluation } from "../helpers/seed-evaluation.js";

type Body = Record<string, any>;
const repo = { owner: "octo-org", repo: "shop" } as const;
const REPO_ID = 4_400_000_001;

// Issue 17 for deployments: two deploys evaluated in reverse order (the newer one's window closed first). The newer
// deploy opened the issue; the older one, back at the level, must not close it. Order is the deployment status's
// time, stored with the evaluation, not when the job ran.
describe("improvement issues of deploys evaluated out of order", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    nock.disableNetConnect();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
    nock.enableNetConnect();
  });
  afterEach(() => {
    expect(nock.pendingMocks()).toEqual([]);
    nock.cleanAll();
  });

  const regressed = metric("checkout p95", "regression", { baseline: { n: 120, median: 0.375 }, candidate: { n: 120, median: 1.75 } });
  const backAtLevel = metric("checkout p95", "no-change", { baseline: { n: 120, median: 0.38 }, candidate: { n: 120, median: 0.376 } });
  async function evaluate(metrics: ReturnType<typeof metric>[], statusAt: string): Promise<void> {
    const { evaluation } = await seedEvaluation(db.pool, { repoId: REPO_ID });
    const report = evaluationReport({ metrics, deployment: { id: evaluation.githubDeploymentId, url: null, createdAt: new Date(statusAt) } });
    await syncImprovementIssues(testOctokit(), db.pool, { report, repoId: REPO_ID, evaluationId: evaluation.id, labels: [], openAtOnce: true });
  }
  const fingerprint = issueFingerprint(REPO_ID, "production", "checkout p95");

  it("opens the issue for the newer deploy, evaluated first", async () => {
    nockListOpenIssues({ ...repo, pages: [[]] });
    nockCreateIssue({ ...repo, number: 91 });

    await evaluate([regressed], "2026-05-01T13:00:00Z");

    expect(await findOpenIssue(db.pool, fingerprint)).toMatchObject({ issueNumber: 91, lastStatusAt: new Date("2026-05-01T13:00:00Z") });
  });

  it("does not comment on or close it from the older deploy, evaluated second, though it is back at the level", async () => {
    await evaluate([backAtLevel], "2026-05-01T12:00:00Z");

    expect(await findOpenIssue(db.pool, fingerprint)).toMatchObject({ issueNumber: 91, state: "open", lastStatusAt: new Date("2026-05-01T13:00:00Z") });
  });

  it("closes it on a deploy newer than the one that opened it, back at the level", async () => {
    const sent: Body[] = [];
    nockListComments({ ...repo, issueNumber: 91, pages: [[]] });
    nockCreateComment({ ...repo, issueNumber: 91, sent });
    nockUpdateIssue({ ...repo, issueNumber: 91, sent });

    await evaluate([backAtLevel], "2026-05-01T14:00:00Z");

    expect(sent[0]!["body"]).toContain("Recovered");
    expect(sent[1]).toMatchObject({ state: "closed" });
    expect(await findOpenIssue(db.pool, fingerprint)).toBeNull();
    const { rows } = await db.pool.query(`select state, last_status_at as "lastStatusAt" from improvement_issues where issue_number = 91`);
    expect(rows).toEqual([{ state: "closed", lastStatusAt: new Date("2026-05-01T14:00:00Z") }]);
  });
});
