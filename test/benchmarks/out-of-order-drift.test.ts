import nock from "nock";
import { deliverPush, fakeBenchmarkGitHub, permutations, waitPushesReported } from "../helpers/fake-benchmark-github.js";
import { nockAccessToken } from "../helpers/nock-app.js";
import { startKaizen } from "../helpers/start-kaizen.js";
import { INSTALLATION_ID } from "../helpers/webhook-payloads.js";

// Issue 17 for benchmark drift: ten pushes to main each make `creep` 2 % slower (under the 10 % threshold; 20 % in
// all). Six go through in order (too few to tell a trend), then the last four are delivered at once, their jobs
// running concurrently on the real queue, in a seeded sample of their 24 orders and in commit order. Whatever the
// order: one drift issue, open, whose body (the levels in commit order, up to the newest commit) is the one commit
// order gives; no regression issue and no comment.
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\nissues:\n  labels: [performance]\n";
const SPREAD = [1, 1.01, 0.99, 1.005, 0.995, 1.002, 0.998, 1.008, 0.992, 1.001];

const HISTORY = Array.from({ length: 10 }, (_, k) => {
  const value = 0.5 * 1.02 ** k;
  const times = SPREAD.map((f) => f * value);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const results = [{ command: "creep", mean, stddev: 0.001, median: value, min: Math.min(...times), max: Math.max(...times), times }];
  return {
    sha: `d${k}`.padEnd(40, "0"),
    runId: 51_000_000_000 + k,
    artifactId: 950 + k,
    files: { "hyperfine.json": JSON.stringify({ results }) },
  };
});

/** A seeded sample of `count` orders (mulberry32), so the run is the same each time. */
function sampleOrders<T>(orders: T[][], count: number, seed: number): T[][] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...orders];
  return Array.from({ length: count }, () => pool.splice(Math.floor(random() * pool.length), 1)[0]!);
}

/** The body without the times results were stored at, which differ from run to run. */
const withoutTimes = (body: string) => body.replace(/^- ([0-9a-f]{7}) \([^)]*\)/gm, "- $1").replace(/^\| ([0-9a-f]{7}) \| [^|]+ \|/gm, "| $1 |");

describe("workflow_run.completed of pushes to main finishing out of order, with a drift", () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());

  const prefix = HISTORY.slice(0, 6);
  const later = HISTORY.slice(6);
  const inOrder = later;
  const orders = [inOrder, ...sampleOrders(permutations(later).slice(1), 5, 20261206)];
  let expectedBody: string | null = null;

  it.each(orders.map((order) => [order.map((p) => p.sha.slice(0, 2)).join(" "), order] as const))(
    "ends with the drift issue commit order gives when %s finish in that order",
    async (_name, order) => {
      nockAccessToken(INSTALLATION_ID).persist();
      const github = fakeBenchmarkGitHub(repo, CONFIG, HISTORY, { comments: false });
      const kaizen = await startKaizen();
      try {
        for (const push of prefix) {
          await deliverPush(kaizen, push);
          await waitPushesReported(kaizen, [push]);
        }
        for (const push of order) await deliverPush(kaizen, push);
        await waitPushesReported(kaizen, HISTORY);

        const onGitHub = [...github.issues.values()];
        expect(onGitHub.map((i) => ({ title: i.title, state: i.state }))).toEqual([{ title: "Performance drift: creep (time) in main", state: "open" }]);
        const body = withoutTimes(onGitHub[0]!.body);
        expect(body).toMatch(/over 9 commits/);
        expect(body).toContain(`| ${HISTORY[9]!.sha.slice(0, 7)} |`);
        // The first order is commit order: every other ends with its body.
        expectedBody ??= body;
        expect(body).toBe(expectedBody);
        expect(github.comments).toEqual([]);
        const { rows } = await kaizen.pool.query(`select kind, state, last_sha as "lastSha" from improvement_issues`);
        expect(rows).toEqual([{ kind: "drift", state: "open", lastSha: HISTORY[9]!.sha }]);
        expect(github.scopes.filter((scope) => !scope.isDone())).toEqual([]);
      } finally {
        await kaizen.stop();
        nock.cleanAll();
      }
    },
  );
});
