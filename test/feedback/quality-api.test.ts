import nock from "nock";
import { recordMark } from "../../src/feedback/store/feedback-marks.js";
import { recordMute } from "../../src/feedback/store/feedback-mutes.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { useKaizenServer } from "../helpers/use-kaizen-server.js";

// A GitHub Enterprise Server: the access check must go to the app's own base URL.
const GHE = "https://ghe.example.com";
const API = "/api/v3";
const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 950;
const TOKEN = "ghu_reader";
const NOW = new Date("2026-11-20T12:00:00Z");

describe("GET /api/quality/{owner}/{repo}", () => {
  const app = useKaizenServer({ now: () => NOW, githubBaseUrl: `${GHE}${API}` });

  beforeAll(seed);

  /** Three latency alerts in two weeks (one marked a false alarm, one marked and undone), a missed one, a mute. */
  async function seed(): Promise<void> {
    const pool = app.pool;
    const target = { repoId: REPO_ID, ...REPO, environment: "production", sha: "a".repeat(40) };
    const times = ["2026-11-03T10:00:00Z", "2026-11-04T10:00:00Z", "2026-11-11T10:00:00Z", "2026-11-12T10:00:00Z"];
    const ids: number[] = [];
    for (const [i, at] of times.entries()) {
      const verdict = i === 3 ? ("no-change" as const) : ("regression" as const);
      const { evaluationId } = await seedReportedEvaluation(pool, target, [{ metricName: "latency", verdict, baseline: 0.1, candidate: 0.2 }]);
      await pool.query("update evaluations set status_created_at = $2 where id = $1", [evaluationId, at]);
      ids.push(evaluationId);
    }
    const base = { repoId: REPO_ID, ...REPO, improvementIssueId: null, issueKind: "deployment", fingerprint: null, environment: "production", metricName: "latency" };
    const by = { actor: "octocat", source: "command" as const, link: null, createdAt: NOW, benchmarkRunId: null, reason: "why" };
    await recordMark(pool, { ...base, ...by, kind: "false-alarm", issueNumber: 1, evaluationId: ids[0]!, idempotencyKey: "comment:1" });
    const undone = await recordMark(pool, { ...base, ...by, kind: "false-alarm", issueNumber: 2, evaluationId: ids[2]!, idempotencyKey: "comment:2" });
    await pool.query("update feedback_marks set undone_at = now(), undone_by = 'octocat' where id = $1", [undone.id]);
    await recordMark(pool, { ...base, ...by, kind: "missed", issueNumber: 3, evaluationId: ids[3]!, idempotencyKey: "comment:3" });
    const mute = { repoId: REPO_ID, ...REPO, subject: "latency", reason: "load test", actor: "octocat", link: null };
    await recordMute(pool, { ...mute, startsAt: new Date("2026-11-20T10:00:00Z"), until: new Date("2026-11-21T10:00:00Z"), idempotencyKey: "comment:4" });
    await recordMute(pool, { ...mute, startsAt: new Date("2026-11-01T10:00:00Z"), until: new Date("2026-11-02T10:00:00Z"), idempotencyKey: "comment:5" });
  }

  function nockAccessCheck(status: number): nock.Scope {
    return nock(GHE)
      .get(`${API}/repos/${REPO.owner}/${REPO.repo}`)
      .matchHeader("authorization", `Bearer ${TOKEN}`)
      .reply(status, status === 200 ? { id: REPO_ID, full_name: `${REPO.owner}/${REPO.repo}`, private: true } : { message: "Not Found" });
  }

  function get(path: string, token: string | null = TOKEN): Promise<Response> {
    return fetch(`${app.base}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  it("answers 401 without a token, asking GitHub nothing", async () => {
    const response = await get(`/api/quality/${REPO.owner}/${REPO.repo}`, null);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it.each([401, 403, 404])("answers 404 when GitHub answers the access check with %i", async (status) => {
    nockAccessCheck(status);
    expect((await get(`/api/quality/${REPO.owner}/${REPO.repo}`)).status).toBe(404);
  });

  it("answers 400 for a since that is not a duration, before asking GitHub", async () => {
    const response = await get(`/api/quality/${REPO.owner}/${REPO.repo}?since=lately`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ message: '"since" must be a duration like 30d or 12h, not "lately".' });
  });

  it("serves alerts, false alarms, missed, precision and recall per metric, setting and week, with the mutes in force", async () => {
    nockAccessCheck(200);
    const response = await get(`/api/quality/${REPO.owner}/${REPO.repo}?since=30d`);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = await response.json();
    expect(body.totals).toEqual({ alerts: 3, falseAlarms: 1, missed: 1, precision: 2 / 3, recall: 2 / 3 });
    expect(body.metrics).toEqual([
      {
        subject: "deployment",
        metric: "latency",
        threshold: { kind: "relative", value: 0.1 },
        setting: "10 %",
        alerts: 3,
        falseAlarms: 1,
        missed: 1,
        precision: 2 / 3,
        recall: 2 / 3,
        weeks: [
          { week: "2026-11-02", alerts: 2, falseAlarms: 1, missed: 0, precision: 0.5, recall: 1 },
          { week: "2026-11-09", alerts: 1, falseAlarms: 0, missed: 1, precision: 1, recall: 0.5 },
        ],
      },
    ]);
    expect(body.mutes).toEqual([expect.objectContaining({ subject: "latency", until: "2026-11-21T10:00:00.000Z", reason: "load test", actor: "octocat" })]);
    expect(body.adjustments).toEqual([]);
  });
});
