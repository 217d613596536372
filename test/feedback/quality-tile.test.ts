import { qualityTile } from "../../src/feedback/dashboard/quality-tile.js";
import { recordMark } from "../../src/feedback/store/feedback-marks.js";
import { recordMute } from "../../src/feedback/store/feedback-mutes.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { useTestDatabase } from "../helpers/test-database.js";

const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 951;
const NOW = new Date("2026-11-20T12:00:00Z");
const HOSTILE = "<img src=x onerror=alert(1)> @octo-org/everyone";

describe("the dashboard's verdict quality tile", () => {
  const db = useTestDatabase();
  const context = (repoId: number) => ({
    db: db.pool,
    repo: { id: repoId, owner: REPO.owner, name: REPO.repo },
    params: {},
    query: new URLSearchParams(),
    publicUrl: "",
    now: NOW,
  });

  beforeAll(async () => {
    // Three latency alerts (one marked a false alarm), a missed regression, a mute in force with a hostile reason.
    const target = { repoId: REPO_ID, ...REPO, environment: "production", sha: "a".repeat(40) };
    const ids: number[] = [];
    for (const [i, at] of ["2026-11-03T10:00:00Z", "2026-11-04T10:00:00Z", "2026-11-11T10:00:00Z", "2026-11-12T10:00:00Z"].entries()) {
      const verdict = i === 3 ? ("no-change" as const) : ("regression" as const);
      const { evaluationId } = await seedReportedEvaluation(db.pool, target, [{ metricName: "latency", verdict, baseline: 0.1, candidate: 0.2 }]);
      await db.pool.query("update evaluations set status_created_at = $2 where id = $1", [evaluationId, at]);
      ids.push(evaluationId);
    }
    const base = { repoId: REPO_ID, ...REPO, improvementIssueId: null, issueKind: "deployment", fingerprint: null, environment: "production", metricName: "latency" };
    const by = { actor: "octocat", source: "command" as const, link: null, createdAt: NOW, benchmarkRunId: null, reason: "why" };
    await recordMark(db.pool, { ...base, ...by, kind: "false-alarm", issueNumber: 1, evaluationId: ids[0]!, idempotencyKey: "comment:1" });
    await recordMark(db.pool, { ...base, ...by, kind: "missed", issueNumber: 3, evaluationId: ids[3]!, idempotencyKey: "comment:3" });
    const mute = { repoId: REPO_ID, ...REPO, subject: "latency", reason: HOSTILE, actor: "octocat", link: null };
    await recordMute(db.pool, { ...mute, startsAt: new Date("2026-11-20T10:00:00Z"), until: new Date("2026-11-21T10:00:00Z"), idempotencyKey: "comment:4" });
  });

  it("shows alerts, false alarms, missed, precision and recall per metric and threshold, and the mutes in force", async () => {
    const tile = await qualityTile.render(context(REPO_ID));
    expect(tile?.title).toBe("Verdict quality");
    const html = tile!.html;
    const cells = [...html.matchAll(/<tr><td>(.*?)<\/td><\/tr>/g)].map((m) => m[1]!.split("</td><td>"));
    expect(cells).toEqual([["deployment", "latency", "10 %", "3", "1", "1", "67 %", "67 %"]]);
    expect(html).toContain('<th scope="row" colspan="3">All</th><td>3</td><td>1</td><td>1</td><td>67 %</td><td>67 %</td>');
    expect(html).toContain('href="/api/quality/octo-org/shop?since&#x3D;90d"');
    expect(html).toContain("latency until 2026-11-21T10:00:00Z, by octocat: &lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    expect(html).not.toContain("<img");
  });

  it("is left out for a repository nobody has marked, muted or alerted on", async () => {
    expect(await qualityTile.render(context(REPO_ID + 1))).toBeUndefined();
  });
});
