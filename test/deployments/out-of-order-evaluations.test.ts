import nock from "nock";
import { findOpenIssue } from "../../src/db/improvement-issues.js";
import { issueFingerprint, syncImprovementIssues } from "../../src/deployments/sync-improvement-issues.js";
import { evaluationReport, metric } from "../helpers/report-fixtures.js";
import { nockCreateComment, nockCreateIssue, nockListComments, nockListOpenIssues, nockUpdateIssue, testOctokit } from "../helpers/nock-github.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { seedEvaluation } from "../helpers/seed-evaluation.js";
import { saveMetricResults, type MetricResultRow } from "../../src/deployments/store/metric-results.js";
import { setIssueLast } from "../../src/db/improvement-issues.js";

type Body = Record<string, any>;
const repo = { owner: "octo-org", repo: "shop" } as const;
const REPO_ID = 4_400_000_001;

function asStoredRow(m: ReturnType<typeof metric>): MetricResultRow {
  const { result } = m;
  return {
    metricName: m.name, source: m.source, query: m.query, unit: m.unit, better: m.better, threshold: m.threshold,
    verdict: result.verdict, reason: result.reason, baselineMedian: result.baseline.median, baselineN: result.baseline.n,
    candidateMedian: result.candidate.median, candidateN: result.candidate.n, changePct: result.changePct, changeAbs: result.changeAbs,
    pValue: result.pValue, test: result.test, graphUrl: m.graphUrl,
  };
}

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
  /** One deploy's evaluation as evaluateDeployment leaves it: its levels stored, then its issues synced. */
  async function evaluate(metrics: ReturnType<typeof metric>[], statusAt: string, openAtOnce = true): Promise<string[]> {
    const { evaluation } = await seedEvaluation(db.pool, { repoId: REPO_ID }, { statusCreatedAt: new Date(statusAt) });
    await saveMetricResults(db.pool, evaluation.id, metrics.map(asStoredRow));
    const report = evaluationReport({ metrics, deployment: { id: evaluation.githubDeploymentId, url: null, createdAt: new Date(statusAt) } });
    return syncImprovementIssues(testOctokit(), db.pool, { report, repoId: REPO_ID, evaluationId: evaluation.id, labels: [], openAtOnce });
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

  it("never moves the issue's last deploy back when older evidence is recorded late", async () => {
    const { rows } = await db.pool.query(`select id from improvement_issues where issue_number = 91`);
    await setIssueLast(db.pool, rows[0].id, { statusAt: new Date("2026-05-01T12:30:00Z") });
    const { rows: after } = await db.pool.query(`select last_status_at as "lastStatusAt" from improvement_issues where issue_number = 91`);
    expect(after).toEqual([{ lastStatusAt: new Date("2026-05-01T14:00:00Z") }]);
  });

  describe("an older deploy's regression evaluated after a newer deploy", () => {
    const at = (name: string, verdict: "regression" | "no-change", before: number, after: number) =>
      metric(name, verdict, { baseline: { n: 120, median: before }, candidate: { n: 120, median: after } });

    it("opens no issue, and waits for no confirmation, when the newer deploy is back at the level it left", async () => {
      await evaluate([at("search p95", "no-change", 0.38, 0.376)], "2026-05-01T16:00:00Z", false);

      expect(await evaluate([at("search p95", "regression", 0.375, 1.75)], "2026-05-01T15:00:00Z", false)).toEqual([]);
      // Confirmed later (confirm-regressions syncs with openAtOnce), it still opens nothing: no GitHub call is mocked.
      expect(await evaluate([at("search p95", "regression", 0.375, 1.75)], "2026-05-01T15:00:00Z", true)).toEqual([]);
      expect(await findOpenIssue(db.pool, issueFingerprint(REPO_ID, "production", "search p95"))).toBeNull();
    });

    it("opens no issue over one a newer deploy already closed", async () => {
      // `checkout p95`'s issue 91 was closed by the deploy of 14:00; a deploy of 13:30 regressing, evaluated now, is history.
      await evaluate([regressed], "2026-05-01T13:30:00Z");
      expect(await findOpenIssue(db.pool, fingerprint)).toBeNull();
    });

    it("opens the issue when the newer deploy is still at the regressed level: its own window started there", async () => {
      await evaluate([at("cart p95", "no-change", 1.74, 1.75)], "2026-05-01T18:00:00Z");
      nockListOpenIssues({ ...repo, pages: [[]] });
      nockCreateIssue({ ...repo, number: 92 });

      await evaluate([at("cart p95", "regression", 0.375, 1.75)], "2026-05-01T17:00:00Z");

      expect(await findOpenIssue(db.pool, issueFingerprint(REPO_ID, "production", "cart p95"))).toMatchObject({ issueNumber: 92 });
    });
  });
});
