import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordMark } from "../../src/feedback/store/feedback-marks.js";
import { readPrometheusFixture } from "../helpers/prometheus-fixture.js";
import { seedReportedEvaluation } from "../helpers/seed-verdicts.js";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database.js";
import { startLoopbackGitHub, type LoopbackRequest } from "../helpers/loopback-github.js";
import { runKaizen } from "./run-kaizen.js";

const REPO = { owner: "octo-org", repo: "shop" };
const REPO_ID = 4321;
const MINUTE = 60_000;
// Today's settings: latency's threshold raised to 60 %, the blip judged at 10 %.
const CONFIG = `
deployments:
  environments: [production]
  soak: 10m
  window: 30m
metrics:
  - name: latency
    query: kaizen_test_latency_seconds{env="{{environment}}"}
    unit: s
    threshold: 60%
  - name: blip
    query: kaizen_test_blip_latency_seconds{env="{{environment}}"}
    unit: s
  - name: error ratio
    query: kaizen_test_error_ratio{env="{{environment}}"}
`;
const SOURCES = "sources:\n  prometheus:\n    type: prometheus\n    url: ${PROMETHEUS_URL}\n";

/**
 * A history in the app's database: a deploy at the fixture's step, whose stored verdicts (made with a 10 %
 * threshold) were a latency regression people marked a false alarm, a blip "no change" people marked missed, and
 * an error ratio with no change; and a deploy 40 days ago, outside `--since 30d`.
 */
async function seedHistory(db: TestDatabase, stepAt: Date): Promise<void> {
  const target = { repoId: REPO_ID, ...REPO, environment: "production", sha: "a".repeat(40) };
  const { evaluationId } = await seedReportedEvaluation(db.pool, target, [
    { metricName: "latency", verdict: "regression", baseline: 0.1, candidate: 0.15 },
    { metricName: "blip", verdict: "no-change", baseline: 0.1, candidate: 0.105 },
    { metricName: "error ratio", verdict: "no-change", baseline: 0.01, candidate: 0.01 },
  ]);
  await db.pool.query(
    `update evaluations set status_created_at = $2, baseline_start = $3, baseline_end = $2, candidate_start = $4, candidate_end = $5 where id = $1`,
    [evaluationId, stepAt, new Date(stepAt.getTime() - 30 * MINUTE), new Date(stepAt.getTime() + 10 * MINUTE), new Date(stepAt.getTime() + 40 * MINUTE)],
  );
  const mark = { repoId: REPO_ID, ...REPO, issueNumber: 12, improvementIssueId: null, issueKind: "deployment", fingerprint: null, environment: "production" };
  const by = { actor: "octocat", source: "command" as const, link: null, createdAt: new Date(), evaluationId, benchmarkRunId: null };
  await recordMark(db.pool, { ...mark, ...by, kind: "false-alarm", metricName: "latency", reason: "jitter", idempotencyKey: "comment:1" });
  await recordMark(db.pool, { ...mark, ...by, kind: "missed", metricName: "blip", reason: "users saw it", idempotencyKey: "comment:2" });

  const old = await seedReportedEvaluation(db.pool, { ...target, sha: "b".repeat(40) }, [{ metricName: "latency", verdict: "regression", baseline: 0.1, candidate: 0.2 }]);
  await db.pool.query("update evaluations set status_created_at = now() - interval '40 days' where id = $1", [old.evaluationId]);
}

describe("kaizen replay and kaizen quality on a seeded history", () => {
  const { url, stepAt } = readPrometheusFixture();
  let db: TestDatabase;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedHistory(db, new Date(stepAt * 1000));
    dir = await mkdtemp(join(tmpdir(), "kaizen-replay-"));
    await Promise.all([writeFile(join(dir, "kaizen.yml"), CONFIG), writeFile(join(dir, "sources.yml"), SOURCES)]);
    env = { DATABASE_URL: db.url, PROMETHEUS_URL: url };
  });
  afterAll(async () => {
    await db.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it("replay prints the verdicts today's settings change, against the marks", async () => {
    const args = ["replay", "octo-org/shop", "--since", "30d", "--config", "kaizen.yml", "--sources", "sources.yml"];
    const { code, stdout, stderr } = await runKaizen(args, { cwd: dir, env });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const at = new Date(stepAt * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(stdout.split("\n")).toEqual([
      expect.stringMatching(/^Replayed 3 verdicts since \d{4}-\d{2}-\d{2} with today's detector and settings\.$/),
      "",
      `${at}  production  aaaaaaa  latency: regression (10 %) → no-change (60 %) [marked false-alarm]  false alarm fixed`,
      `${at}  production  aaaaaaa  blip: no-change (10 %) → regression (10 %) [marked missed]  missed caught`,
      "",
      "false alarm fixed: 1",
      "missed caught: 1",
      "same: 1",
      "",
    ]);
  });

  it("replay --json gives every verdict with its outcome", async () => {
    const args = ["replay", "octo-org/shop", "--since", "30d", "--config", "kaizen.yml", "--sources", "sources.yml", "--json"];
    const { code, stdout } = await runKaizen(args, { cwd: dir, env });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.verdicts.map((v: Record<string, unknown>) => [v["metricName"], v["stored"], v["replayed"], v["outcome"]])).toEqual([
      ["latency", "regression", "no-change", "false alarm fixed"],
      ["blip", "no-change", "regression", "missed caught"],
      ["error ratio", "no-change", "no-change", "same"],
    ]);
  });

  it("replay reads the repository's own kaizen.yml as the GitHub App when no --config is given", async () => {
    const asked: string[] = [];
    const loopback = await startLoopbackGitHub(({ method, path }: LoopbackRequest) => {
      asked.push(`${method} ${path}`);
      if (method === "GET" && path === "/repos/octo-org/shop/installation") return { status: 200, json: { id: 2 } };
      if (method === "POST" && path === "/app/installations/2/access_tokens") {
        return { status: 201, json: { token: "ghs_cli", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
      }
      if (method === "GET" && path === "/repos/octo-org/shop/contents/.github/kaizen.yml") return { status: 200, text: CONFIG };
      return undefined;
    });
    try {
      const appEnv = {
        ...env,
        APP_ID: "123",
        PRIVATE_KEY_PATH: join(process.cwd(), "test/fixtures/github/mock-cert.pem"),
        WEBHOOK_SECRET: "secret",
        GHE_HOST: loopback.host,
        GHE_PROTOCOL: "http",
      };
      const { code, stdout, stderr } = await runKaizen(["replay", "octo-org/shop", "--sources", "sources.yml"], { cwd: dir, env: appEnv });
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      expect(stdout).toContain("false alarm fixed: 1\nmissed caught: 1\nsame: 1\n");
      expect(asked).toEqual([
        "GET /repos/octo-org/shop/installation",
        "POST /app/installations/2/access_tokens",
        "GET /repos/octo-org/shop/contents/.github/kaizen.yml",
      ]);
    } finally {
      await loopback.close();
    }
  });

  it("replay fails with the fix when the repository has no data, or DATABASE_URL is missing", async () => {
    const unknown = await runKaizen(["replay", "octo-org/none", "--config", "kaizen.yml", "--sources", "sources.yml"], { cwd: dir, env });
    expect(unknown).toMatchObject({ code: 1, stderr: "kaizen: Kaizen has no data for octo-org/none in this database.\n" });
    const noDb = await runKaizen(["replay", "octo-org/shop", "--config", "kaizen.yml", "--sources", "sources.yml"], { cwd: dir, env: { PROMETHEUS_URL: url } });
    expect(noDb).toMatchObject({ code: 2, stderr: "error: DATABASE_URL is not set: set it to the app's database.\n(add --help for usage)\n" });
  });

  it("quality prints alerts, false alarms, missed, precision and recall per metric and threshold", async () => {
    const { code, stdout, stderr } = await runKaizen(["quality", "octo-org/shop", "--since", "30d"], { cwd: dir, env });
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout.split("\n").slice(2)).toEqual([
      "kind        metric   threshold  alerts  false  missed  precision  recall",
      "deployment  blip     10 %            0      0       1          —     0 %",
      "deployment  latency  10 %            1      1       0        0 %       —",
      "all                                  1      1       1        0 %     0 %",
      "",
    ]);
  });
});
