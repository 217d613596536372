import nock from "nock";
import { benchmarkNocks } from "./nock-benchmarks.js";
import { GITHUB_API } from "./nock-github.js";
import type { RunningKaizen } from "./start-kaizen.js";
import { workflowRunPayload } from "./webhook-payloads.js";

type Body = Record<string, any>;

/** Every order of `items`. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** One push of a linear history: its workflow run, and the artifact holding its result files. */
export interface FakePush {
  sha: string;
  runId: number;
  artifactId: number;
  files: Record<string, string>;
}

/**
 * GitHub as far as pushes of benchmark results to main need it, with state: the issues Kaizen opens, rewrites,
 * comments on and closes, and the check runs per commit, over a linear history (`pushes`, oldest first). Persisted
 * scopes, since how often each is called depends on the order the runs finish in; each must be used. With
 * `comments: false` no comment can be listed or posted: a history that must end without one fails on any.
 */
export function fakeBenchmarkGitHub(repo: { owner: string; repo: string }, config: string, pushes: readonly FakePush[], options = { comments: true }) {
  const REPO_PATH = `/repos/${repo.owner}/${repo.repo}`;
  const SHAS = pushes.map((push) => push.sha);
  const issues = new Map<number, { title: string; body: string; state: string }>();
  const checks = new Map<string, string>();
  const comments: Array<{ issueNumber: number; body: string }> = [];
  const ancestry = (sha: string) => SHAS.slice(0, SHAS.indexOf(sha) + 1).reverse();
  const scopes = [
    nock(GITHUB_API).persist().get(`${REPO_PATH}/contents/${encodeURIComponent(".github/kaizen.yml")}`).reply(200, config),
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
      .patch(/\/issues\/\d+$/)
      .reply(200, (uri, body: Body) => {
        const number = Number(uri.split("/issues/")[1]);
        const issue = issues.get(number)!;
        if (body["state"] !== undefined) issue.state = body["state"];
        if (body["body"] !== undefined) issue.body = body["body"];
        return { number, state: issue.state };
      }),
  ];
  if (options.comments) {
    scopes.push(
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
    );
  }
  for (const push of pushes) {
    const { nockListArtifacts, nockDownloadArtifact, zipFiles } = benchmarkNocks(repo);
    scopes.push(nockListArtifacts(push.runId, [{ id: push.artifactId, name: "kaizen-benchmarks" }]));
    scopes.push(...nockDownloadArtifact(push.artifactId, zipFiles(push.files)));
  }
  return { issues, checks, comments, scopes };
}

/** The push's successful workflow run, delivered as GitHub sends it (ingest and compare then run on the queue). */
export async function deliverPush(kaizen: RunningKaizen, push: Pick<FakePush, "sha" | "runId">): Promise<void> {
  const payload = workflowRunPayload({ runId: push.runId, headSha: push.sha, headBranch: "main", event: "push" });
  await kaizen.probot.receive({ id: `run-${push.runId}`, name: "workflow_run", payload } as never);
}

/** Polls until every push's run is reported; throws on a failed one or after 20 s. */
export async function waitPushesReported(kaizen: RunningKaizen, pushes: ReadonlyArray<Pick<FakePush, "runId">>): Promise<void> {
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
