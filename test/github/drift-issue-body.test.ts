import nock from "nock";
import { detectDrift } from "../../src/analysis/detect-drift.js";
import { syncDriftIssue, type DriftIssueSync } from "../../src/github/sync-drift-issue.js";
import { nockCreateIssue, nockListOpenIssues, testOctokit } from "../helpers/nock-github.js";
import { useTestDatabase } from "../helpers/test-database.js";

// The drift issue's body as GitHub receives it, for a fixed creep: eight deploys of about +2.5 %, and a metric
// name with a table pipe in it (kept out of the table's cells).
const levels = [102.7, 105.1, 107.5, 110.6, 113.0, 115.9, 119.0, 121.6];
const result = detectDrift({ start: 100, levels }, { better: "lower", threshold: { kind: "relative", value: 0.1 }, alpha: 0.001 });
const steps = levels.map((level, i) => ({
  sha: (i + 10).toString(16).repeat(40),
  at: new Date(Date.UTC(2026, 0, 5 + i, 12)),
  level,
  step: result.steps[i]!,
  ownChangePct: i === 3 ? null : 2.5,
  newLevel: result.changePoints.includes(i),
}));

function sync(): DriftIssueSync {
  const threshold = { kind: "relative", value: 0.1 } as const;
  return {
    repoId: 4_400_000_001,
    owner: "octo-org",
    repo: "shop",
    environment: "production",
    metricName: "p95 | checkout",
    fingerprint: "drift/4400000001/production/p95 | checkout",
    labels: ["performance"],
    better: "lower",
    threshold,
    result,
    latest: { level: 121.6, sha: steps[7]!.sha },
    checkedBy: { evaluationId: 0, statusAt: new Date(Date.UTC(2026, 0, 12, 12)) },
    context: {
      subject: "p95 | checkout",
      where: "production",
      stepNoun: "deploy",
      stepsNoun: "deploys",
      unit: "ms",
      better: "lower",
      threshold,
      lookback: "14d",
      result,
      steps,
      graphUrl: "https://kaizen.example.com/octo-org/shop/metrics/production/p95%20%7C%20checkout",
      excluded: ["Left out: deploy aaaaaaa and the ones before it; its own change (regression) is reported on its own."],
    },
  };
}

describe("syncDriftIssue", () => {
  const db = useTestDatabase();
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  afterEach(() => nock.cleanAll());

  it("opens the issue with the deploys, their ranking, the evidence in words and the graph link", async () => {
    const { rows } = await db.pool.query(
      `insert into deployments (repo_id, owner, repo, installation_id, github_deployment_id, environment, sha, ref)
       values (4400000001, 'octo-org', 'shop', 1, 1, 'production', 'abc', 'main') returning id`,
    );
    const evaluation = await db.pool.query(
      "insert into evaluations (deployment_id, github_status_id, status_created_at) values ($1, 1, now()) returning id",
      [rows[0].id],
    );
    const sent: Array<Record<string, any>> = [];
    nockListOpenIssues({ pages: [[]] });
    nockCreateIssue({ number: 12, sent });
    const input = sync();
    input.checkedBy = { evaluationId: Number(evaluation.rows[0].id), statusAt: new Date(Date.UTC(2026, 0, 12, 12)) };
    expect(await syncDriftIssue(testOctokit(), db.pool, input)).toBe("opened");
    expect(nock.isDone()).toBe(true);
    expect(sent[0]!.title).toBe("Performance drift: p95 | checkout in production");
    const body = String(sent[0]!.body);
    expect(body).toContain("**p95 \\| checkout** has drifted");
    expect(body).toMatchSnapshot();
  });

  it("does nothing on a check older than the deploy the issue was last checked at: no rewrite, no close, no second issue", async () => {
    // Issue 17: the issue just opened was checked at 2026-01-12; a check made at an older deploy, drifted or
    // recovered, must not act on it (no GitHub call is mocked, so any write fails the test).
    const older = { ...sync(), checkedBy: { evaluationId: 0, statusAt: new Date(Date.UTC(2026, 0, 11, 12)) } };
    expect(await syncDriftIssue(testOctokit(), db.pool, older)).toBe("none");
    const recovered = { ...older, result: { ...result, drifted: false }, latest: { level: 100.5, sha: steps[0]!.sha } };
    expect(await syncDriftIssue(testOctokit(), db.pool, recovered)).toBe("none");

    // Closed by a newer check, the fingerprint is not reopened by an older one either.
    await db.pool.query(`update improvement_issues set state = 'closed', closed_at = now() where issue_number = 12`);
    expect(await syncDriftIssue(testOctokit(), db.pool, older)).toBe("none");
    const { rows } = await db.pool.query(`select issue_number as "issueNumber", state, last_status_at as "lastStatusAt" from improvement_issues`);
    expect(rows).toEqual([{ issueNumber: 12, state: "closed", lastStatusAt: new Date(Date.UTC(2026, 0, 12, 12)) }]);
  });
});
