import nock from "nock";
import { deliverPush as deliver, fakeBenchmarkGitHub, permutations, waitPushesReported as waitReported } from "../helpers/fake-benchmark-github.js";
import { nockAccessToken } from "../helpers/nock-app.js";
import { startKaizen } from "../helpers/start-kaizen.js";
import { INSTALLATION_ID } from "../helpers/webhook-payloads.js";

// Issue 17: workflow runs of pushes to main finish in any order. Two pushes go through in order (the second opens
// the `parse` issue), then four more are delivered at once in every one of their 24 orders, their jobs running
// concurrently on the real queue. Whatever the order, the end is the one commit order gives: `evaluate` regressed
// at the newest push (open), `parse` recovered (closed), `render` regressed at the first of the four (open); and
// every push's check run shows its own comparison.
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\nissues:\n  labels: [performance]\n";

/** Each push's value per benchmark (seconds); the history is linear, oldest first. */
const HISTORY = [
  { sha: "p0", evaluate: 0.8, parse: 0.1, render: 0.2 },
  { sha: "p1", evaluate: 0.8, parse: 0.15, render: 0.2 },
  { sha: "c1", evaluate: 0.8, parse: 0.15, render: 0.28 },
  { sha: "c2", evaluate: 0.8, parse: 0.15, render: 0.28 },
  { sha: "c3", evaluate: 0.8, parse: 0.1, render: 0.28 },
  { sha: "c4", evaluate: 1.12, parse: 0.1, render: 0.28 },
].map((push, index) => ({ ...push, sha: push.sha.padEnd(40, "0"), runId: 50_000_000_000 + index, artifactId: 900 + index }));
const SHAS = HISTORY.map((push) => push.sha);
const SPREAD = [1, 1.01, 0.99, 1.005, 0.995, 1.002, 0.998, 1.008, 0.992, 1.001];

/** hyperfine's JSON for one push: ten timings per command around its value. */
function hyperfine(push: (typeof HISTORY)[number]): string {
  const results = (["evaluate", "parse", "render"] as const).map((command) => {
    const times = SPREAD.map((f) => f * push[command]);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return { command, mean, stddev: 0.001, median: push[command], min: Math.min(...times), max: Math.max(...times), times };
  });
  return JSON.stringify({ results });
}

describe("workflow_run.completed of pushes to main finishing out of order", () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());

  const [p0, p1, ...later] = HISTORY;
  it.each(permutations(later).map((order) => [order.map((p) => p.sha.slice(0, 2)).join(" "), order] as const))(
    "ends with the issues commit order gives when %s finish in that order",
    async (_name, order) => {
      nockAccessToken(INSTALLATION_ID).persist();
      const github = fakeBenchmarkGitHub(repo, CONFIG, HISTORY.map((push) => ({ ...push, files: { "hyperfine.json": hyperfine(push) } })));
      const kaizen = await startKaizen();
      try {
        await deliver(kaizen, p0!);
        await waitReported(kaizen, [p0!]);
        await deliver(kaizen, p1!);
        await waitReported(kaizen, [p1!]);
        for (const push of order) await deliver(kaizen, push);
        await waitReported(kaizen, HISTORY);

        const onGitHub = [...github.issues.values()].map((i) => ({ title: i.title, state: i.state })).sort((a, b) => a.title.localeCompare(b.title));
        expect(onGitHub).toEqual([
          { title: "Benchmark regression: evaluate (time) on main", state: "open" },
          { title: "Benchmark regression: parse (time) on main", state: "closed" },
          { title: "Benchmark regression: render (time) on main", state: "open" },
        ]);
        const { rows } = await kaizen.pool.query(
          `select metric_name as "metric", state, last_sha as "lastSha" from improvement_issues order by metric_name`,
        );
        expect(rows.map((r) => [r.metric, r.state])).toEqual([
          ["evaluate (time)", "open"],
          ["parse (time)", "closed"],
          ["render (time)", "open"],
        ]);
        // The newest push opened `evaluate`; `parse` was closed by a push back at its level, never an older one.
        expect(rows[0].lastSha).toBe(SHAS[5]);
        expect([SHAS[4], SHAS[5]]).toContain(rows[1].lastSha);
        expect(github.comments.filter((c) => c.body.includes("Recovered"))).toHaveLength(1);

        // Each push's own comparison on its check run, late or not.
        for (const push of later) {
          const row = push.evaluate > 1 ? "🔴 Regression" : "⚪ No change";
          expect(github.checks.get(push.sha)).toMatch(new RegExp(`\\| evaluate \\(time\\) \\| ${row} \\|`));
        }
        expect(github.scopes.filter((scope) => !scope.isDone())).toEqual([]);
      } finally {
        await kaizen.stop();
        nock.cleanAll();
      }
    },
  );
});
