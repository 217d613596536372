import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import nock from "nock";
import { benchmarkIssueFingerprint } from "../../../src/benchmarks/sync-benchmark-issues.js";
import { kaizenMarker } from "../../../src/github/kaizen-marker.js";
import { benchmarkNocks } from "../../helpers/nock-benchmarks.js";
import { nockConfig } from "../../helpers/nock-app.js";
import { nockCreateCheckRun, nockCreateComment, nockCreateIssue, nockListCheckRuns, nockListComments, nockListOpenIssues } from "../../helpers/nock-github.js";
import { ATTACK, liveAttacks } from "../../helpers/live-markdown.js";
import { WEBHOOK_SECRET } from "../../helpers/start-kaizen.js";
import { useKaizen } from "../../helpers/use-kaizen.js";
import { waitForBenchmarkRun } from "../../helpers/wait-for-benchmark-run.js";
import { INSTALLATION_ID, workflowRunPayload, type WorkflowRunOptions } from "../../helpers/webhook-payloads.js";

type Body = Record<string, any>;

// Issue 10, items 5 and 7, through signed webhook deliveries: a benchmark named like an attack (a team mention, a
// phishing link, a closing keyword) is measured on main, then regresses on main and in a pull request. Every body
// Kaizen writes shows the name inert, and strangers' comments and issues carrying Kaizen's markers are left alone.
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const { nockListArtifacts, nockDownloadArtifact, zipFiles, nockPullsForCommit, nockDefaultBranch, nockCommits, nockCompare, nockCommitOrder } =
  benchmarkNocks(repo);
const CONFIG = "benchmarks:\n  workflows: [Benchmarks]\n  threshold: 10%\n";
const HYPERFINE = JSON.parse(readFileSync("test/fixtures/benchmarks/hyperfine/hyperfine.json", "utf8")) as { results: Body[] };
const [first, second, third] = ["1", "2", "3"].map((c) => c.repeat(40)) as [string, string, string];

/** hyperfine's real output with one command, named `ATTACK`, every timing multiplied by `factor`. */
function hostileHyperfine(factor: number): string {
  const result = structuredClone(HYPERFINE.results[0]!);
  result["command"] = ATTACK;
  for (const key of ["mean", "median", "min", "max"]) result[key] *= factor;
  result["times"] = (result["times"] as number[]).map((t) => t * factor);
  return JSON.stringify({ results: [result] });
}

/** The config read by both jobs of run `runId` and its one artifact, holding `hyperfine.json`. */
function nockArtifact(runId: number, hyperfine: string): void {
  const artifactId = runId % 1000;
  nockConfig(CONFIG, repo);
  nockListArtifacts(runId, [{ id: artifactId, name: "kaizen-benchmarks" }]);
  nockDownloadArtifact(artifactId, zipFiles({ "hyperfine.json": hyperfine }));
  nockConfig(CONFIG, repo);
}

describe("a benchmark named like an attack, delivered through signed webhooks", () => {
  const kaizen = useKaizen({ localhost: true, accessToken: INSTALLATION_ID, checkPending: false, cleanAfterEach: false });

  /** The run's workflow_run delivery, signed with the webhook secret and verified as the HTTP route does. */
  async function deliver(options: WorkflowRunOptions): Promise<Body> {
    const payload = JSON.stringify(workflowRunPayload(options));
    const signature = `sha256=${createHmac("sha256", WEBHOOK_SECRET).update(payload).digest("hex")}`;
    await kaizen.probot.webhooks.verifyAndReceive({ id: `run-${options.runId}`, name: "workflow_run", payload, signature } as never);
    return waitForBenchmarkRun(kaizen.pool, options.runId);
  }

  it("rejects a delivery whose signature does not match, before any work", async () => {
    const payload = JSON.stringify(workflowRunPayload({ runId: 41_000_000_009, headSha: first }));
    await expect(kaizen.probot.webhooks.verifyAndReceive({ id: "forged", name: "workflow_run", payload, signature: `sha256=${"0".repeat(64)}` } as never)).rejects.toThrow(
      /signature does not match/,
    );
    expect((await kaizen.pool.query("select 1 from benchmark_runs where github_run_id = 41000000009")).rows).toEqual([]);
  });

  it("writes the name inert into the check run, the issue's title and body, and the pull request's comment, never into strangers' copies", async () => {
    // 1. main's first results: the baseline.
    nockArtifact(41_000_000_001, hostileHyperfine(1));
    nockPullsForCommit(first, []);
    nockDefaultBranch("main");
    nockCommits(first, 31, [first]);
    nockListCheckRuns({ ...repo, sha: first, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 9101 });
    expect(await deliver({ runId: 41_000_000_001, headSha: first, headBranch: "main", event: "push" })).toMatchObject({ state: "reported", problems: [] });

    // 2. A push to main 50 % slower: a regression, so an issue; a stranger's issue carrying the marker is not it.
    const checks: Body[] = [];
    const issues: Body[] = [];
    nockArtifact(41_000_000_002, hostileHyperfine(1.5));
    nockPullsForCommit(second, []);
    nockDefaultBranch("main");
    nockCommits(second, 31, [second, first]);
    nockCommitOrder(first, second, "ahead");
    nockListCheckRuns({ ...repo, sha: second, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 9102, sent: checks });
    const repoId: number = workflowRunPayload({ runId: 1, headSha: second })["repository"].id;
    const issueMarker = kaizenMarker("issue", benchmarkIssueFingerprint(repoId, ATTACK, "time"));
    nockListOpenIssues({ ...repo, pages: [[{ number: 66, body: `${issueMarker}\nmallory's issue, which Kaizen would update and close`, author: "mallory" }]] });
    nockCreateIssue({ ...repo, number: 67, sent: issues });
    expect(await deliver({ runId: 41_000_000_002, headSha: second, headBranch: "main", event: "push" })).toMatchObject({ state: "reported" });

    // 3. A pull request on top, as slow: its comment, with a stranger's comment carrying Kaizen's marker already there.
    const comments: Body[] = [];
    nockArtifact(41_000_000_003, hostileHyperfine(1.5));
    nockPullsForCommit(third, [{ number: 7 }]);
    nockCompare("main", third, first);
    nockCommits(first, 30, [first]);
    nockListCheckRuns({ ...repo, sha: third, name: "Kaizen benchmarks", runs: [] });
    nockCreateCheckRun({ ...repo, id: 9103, sent: checks });
    nockListComments({ ...repo, issueNumber: 7, pages: [[{ id: 701, body: "<!-- kaizen:pr -->\nI can edit this", author: "mallory" }]] });
    nockCreateComment({ ...repo, issueNumber: 7, id: 702, sent: comments });
    const pull = { number: 7, baseRef: "main", baseSha: first };
    expect(await deliver({ runId: 41_000_000_003, headSha: third, headBranch: "attack", pull })).toMatchObject({ state: "reported" });

    expect(nock.pendingMocks().filter((m) => !m.includes("access_tokens") && m !== "GET https://api.github.com:443/app")).toEqual([]);
    const bodies = { "main check run": checks[0]!["output"].summary, "issue body": issues[0]!["body"], "pull request check run": checks[1]!["output"].summary, "pull request comment": comments[0]!["body"] };
    for (const [where, body] of Object.entries(bodies)) {
      // Still named (with invisible breaks), and nothing of it live.
      expect({ where, named: (body as string).replace(/\u200b/g, "").includes("X @octo-org/security-team") }).toEqual({ where, named: true });
      expect({ where, live: liveAttacks(body as string) }).toEqual({ where, live: [] });
    }
    // The stranger's issue carried the very marker Kaizen looks for, and was still not taken for Kaizen's.
    expect(issues[0]!["body"]).toContain(issueMarker);
    const title: string = issues[0]!["title"];
    expect(title.replace(/\u200b/g, "")).toContain("@octo-org/security-team");
    expect(title).not.toMatch(/@[\w-]|#\d/);
  });
});
