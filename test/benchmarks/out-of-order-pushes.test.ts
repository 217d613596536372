import nock from "nock";
import { benchmarkNocks } from "../helpers/nock-benchmarks.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { nockAccessToken } from "../helpers/nock-app.js";
import { startKaizen, type RunningKaizen } from "../helpers/start-kaizen.js";
import { INSTALLATION_ID, workflowRunPayload } from "../helpers/webhook-payloads.js";

type Body = Record<string, any>;

// Issue 17: workflow runs of pushes to main finish in any order. Two pushes go through in order (the second opens
// the `parse` issue), then four more are delivered at once in every one of their 24 orders, their jobs running
// concurrently on the real queue. Whatever the order, the end is the one commit order gives: `evaluate` regressed
// at the newest push (open), `parse` recovered (closed), `render` regressed at the first of the four (open); and
// every push's check run shows its own comparison.
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const REPO_PATH = `/repos/${repo.owner}/${repo.repo}`;
const { zipFiles } = benchmarkNocks(repo);
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

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/**
 * GitHub as far as these pushes need it, with state: the issues Kaizen opens, comments on and closes, and the
 * check runs per commit. Persisted scopes, since how often each is called depends on the order; each must be used.
 */
function fakeGitHub() {
  const issues = new Map<number, { title: string; body: string; state: string }>();
  const checks = new Map<string, string>();
  const comments: Array<{ issueNumber: number; body: string }> = [];
  const ancestry = (sha: string) => SHAS.slice(0, SHAS.indexOf(sha) + 1).reverse();
  const scopes = [
    nock(GITHUB_API).persist().get(`${REPO_PATH}/contents/${encodeURIComponent(".github/kaizen.yml")}`).reply(200, CONFIG),
    nock(GITHUB_API).persist().get(REPO_PATH).reply(200, { default_branch: "main" }),
    nock(GITHUB_API).persist().get(/\/commits\/[0-9a-z]{40}\/pulls/).query(true).reply(200, []),
    nock(GITHUB_API)
      .persist()
      .get(`${REPO_PATH}/commits`)
      .query(true)
      .reply(200, (uri) => ancestry(new URL(uri, GITHUB_API).searchParams.get("sha")!).map((sha) => ({ sha }))),
    nock(GITHUB_API)
      .persist()
      .get(/\/compare\/[0-9a-z]{40}\.\.\.[0-9a-z]{40}/)
      .query({ per_page: "1" })
      .reply(200, (uri) => {
        const [base, head] = uri.split("/compare/")[1]!.split("?")[0]!.split("...").map((sha) => SHAS.indexOf(sha));
        const status = head! > base! ? "ahead" : head! < base! ? "behind" : "identical";
        return { status, merge_base_commit: { sha: SHAS[Math.min(base!, head!)] }, commits: [] };
      }),
    nock(GITHUB_API)
      .persist()
      .get(/\/commits\/[0-9a-z]{40}\/check-runs/)
      .query(true)
      .reply(200, { total_count: 0, check_runs: [] }),
    nock(GITHUB_API)
      .persist()
      .post(`${REPO_PATH}/check-runs`)
      .reply(201, (_uri, body: Body) => {
        checks.set(body["head_sha"], body["output"].summary);
        return { id: 7000 + checks.size };
      }),
    nock(GITHUB_API)
      .persist()
      .get(`${REPO_PATH}/issues`)
      .query({ state: "open", labels: "kaizen", per_page: "100" })
      .reply(200, () =>
        [...issues].filter(([, issue]) => issue.state === "open").map(([number, issue]) => ({ number, body: issue.body, html_url: `https://github.com/x/${number}` })),
      ),
    nock(GITHUB_API)
      .persist()
      .post(`${REPO_PATH}/issues`)
      .reply(201, (_uri, body: Body) => {
        const number = 100 + issues.size;
        issues.set(number, { title: body["title"], body: body["body"], state: "open" });
        return { number, html_url: `https://github.com/${repo.owner}/${repo.repo}/issues/${number}` };
      }),
    nock(GITHUB_API)
      .persist()
      .get(/\/issues\/\d+\/comments/)
      .query(true)
      .reply(200, []),
    nock(GITHUB_API)
      .persist()
      .post(/\/issues\/\d+\/comments/)
      .reply(201, (uri, body: Body) => {
        comments.push({ issueNumber: Number(uri.split("/issues/")[1]!.split("/")[0]), body: body["body"] });
        return { id: 8000 + comments.length };
      }),
    nock(GITHUB_API)
      .persist()
      .patch(/\/issues\/\d+$/)
      .reply(200, (uri, body: Body) => {
        const number = Number(uri.split("/issues/")[1]);
        issues.get(number)!.state = body["state"];
        return { number, state: body["state"] };
      }),
  ];
  for (const push of HISTORY) {
    const { nockListArtifacts, nockDownloadArtifact } = benchmarkNocks(repo);
    scopes.push(nockListArtifacts(push.runId, [{ id: push.artifactId, name: "kaizen-benchmarks" }]));
    scopes.push(...nockDownloadArtifact(push.artifactId, zipFiles({ "hyperfine.json": hyperfine(push) })));
  }
  return { issues, checks, comments, scopes };
}

describe("workflow_run.completed of pushes to main finishing out of order", () => {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
  });
  afterAll(() => nock.enableNetConnect());

  async function deliver(kaizen: RunningKaizen, push: (typeof HISTORY)[number]): Promise<void> {
    const payload = workflowRunPayload({ runId: push.runId, headSha: push.sha, headBranch: "main", event: "push" });
    await kaizen.probot.receive({ id: `run-${push.runId}`, name: "workflow_run", payload } as never);
  }
  async function waitReported(kaizen: RunningKaizen, pushes: ReadonlyArray<(typeof HISTORY)[number]>): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await kaizen.pool.query<{ state: string }>(
        "select state from benchmark_runs where github_run_id = any($1::bigint[])",
        [pushes.map((p) => p.runId)],
      );
      if (rows.length === pushes.length && rows.every((r) => r.state === "reported")) return;
      if (rows.some((r) => r.state === "failed") || Date.now() > deadline) throw new Error(`runs: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const [p0, p1, ...later] = HISTORY;
  it.each(permutations(later).map((order) => [order.map((p) => p.sha.slice(0, 2)).join(" "), order] as const))(
    "ends with the issues commit order gives when %s finish in that order",
    async (_name, order) => {
      nockAccessToken(INSTALLATION_ID).persist();
      const github = fakeGitHub();
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
