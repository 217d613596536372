import type { LoopbackRequest, LoopbackReply } from "../helpers/loopback-github.js";
import { runKaizen, useCliApp } from "./run-kaizen.js";

const REPO_ID = 720;
const sha = (c: string) => c.repeat(40);
const commit = (s: string, date: string) => ({ sha: s, commit: { author: { date }, committer: { date } } });

/**
 * A small history behind octo-org/shop, as the API lists it: three production deployments (the third a rollback to
 * the first sha), a staging one, one merged pull request, one incident. Hand computation for the week of
 * 2026-03-02: deploys D1 (Mon 10:00), D2 (Tue 10:00), D3 (Tue 12:00, sha of D1 → D2 rolled back, recovery 2 h, D3
 * rework); the one change is PR #4 (first commit Mon 12:00 → D2 Tue 10:00 = 22 h); incident #9 opened Wed links
 * nothing and falls after D3 → D3 failed too, still open. 3 deploys on 2 days; fail rate 2/3; rework 1/3.
 */
function github({ method, path, query }: LoopbackRequest): LoopbackReply | undefined {
  if (method === "POST" && path === "/app/installations/2/access_tokens") {
    return { status: 201, json: { token: "ghs_cli", expires_at: new Date(Date.now() + 3600e3).toISOString(), permissions: {} } };
  }
  const match = /^\/repos\/octo-org\/shop(\/.*)?$/.exec(path);
  if (!match || method !== "GET") return undefined;
  const rest = match[1] ?? "";
  const deployment = (id: number, c: string, environment = "production") => ({ id, sha: sha(c), ref: "main", environment, created_at: "2026-03-01T00:00:00Z" });
  const status = (id: number, state: string, at: string) => [{ id, state, created_at: at }];
  const routes: Record<string, unknown> = {
    "/installation": { id: 2 },
    "": { id: REPO_ID, name: "shop", owner: { login: "octo-org" } },
    "/deployments": query.get("page") === "1" ? [deployment(1, "a"), deployment(2, "b"), deployment(3, "a"), deployment(4, "c", "staging")] : [],
    "/deployments/1/statuses": status(11, "success", "2026-03-02T10:00:00Z"),
    "/deployments/2/statuses": status(12, "success", "2026-03-03T10:00:00Z"),
    "/deployments/3/statuses": status(13, "success", "2026-03-03T12:00:00Z"),
    "/deployments/4/statuses": status(14, "success", "2026-03-03T13:00:00Z"),
    "/pulls": query.get("page") === "1" ? [{ number: 4, merged_at: "2026-03-03T09:00:00Z", merge_commit_sha: sha("b") }, { number: 5, merged_at: null, merge_commit_sha: null }] : [],
    "/pulls/4/commits": [commit(sha("d"), "2026-03-02T12:00:00Z")],
    "/issues": query.get("page") === "1" && query.get("labels") === "incident"
      ? [{ number: 9, title: "Checkout down", body: "", html_url: "http://github.example/octo-org/shop/issues/9", labels: [{ name: "incident" }], created_at: "2026-03-04T10:00:00Z", closed_at: null }]
      : [],
    [`/compare/${sha("a")}...${sha("b")}`]: { ahead_by: 2, commits: [commit(sha("d"), "2026-03-02T12:00:00Z"), commit(sha("b"), "2026-03-03T09:00:00Z")] },
    [`/compare/${sha("b")}...${sha("a")}`]: { ahead_by: 0, commits: [] },
  };
  if (rest === "/contents/.github/kaizen.yml") return { status: 200, text: "dora: {}\n" };
  return rest in routes ? { status: 200, json: routes[rest] } : undefined;
}

describe("kaizen dora", () => {
  const app = useCliApp(github);
  const { db, github: loopback } = app;

  const snapshot = async () =>
    Promise.all(
      ["dora_deployments", "dora_deployment_commits", "dora_deployment_compares", "dora_pulls", "dora_issues"].map(async (table) => (await db.pool.query(`select * from ${table} order by 1, 2`)).rows),
    );

  it("backfills through the app's installation, and a second run changes nothing", async () => {
    const first = await runKaizen(["dora", "sync", "octo-org/shop"], { env: app.env });
    // Four compares recorded, two of them asked of GitHub: D1 and the staging deploy are the first of their
    // environments (nothing to compare with).
    expect(first).toEqual({ code: 0, stdout: "ok  changed: 4 deployments, 1 pull requests, 1 issues, 4 compares\n", stderr: "" });
    const before = await snapshot();
    const second = await runKaizen(["dora", "sync", "octo-org/shop"], { env: app.env });
    expect(second).toEqual({ code: 0, stdout: "ok  changed: 0 deployments, 0 pull requests, 0 issues, 0 compares\n", stderr: "" });
    expect(await snapshot()).toEqual(before);
    expect(loopback.seen.filter((r) => !r.startsWith("GET ") && !r.endsWith("/access_tokens"))).toEqual([]);
    expect(loopback.seen.filter((r) => r.includes("/compare/"))).toHaveLength(2);
  });

  it("prints the hand-computed table as CSV", async () => {
    const run = await runKaizen(["dora", "octo-org/shop", "--from", "2026-03-02", "--to", "2026-03-09", "--csv"], { env: app.env });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").slice(1)).toEqual(["2026-03-02,3,2,1,22,22,2,66.7%,1,1,2,1,33.3%", "total,3,2,1,22,22,2,66.7%,1,1,2,1,33.3%", ""]);
  });

  it("prints the table with its bands, the 2025 note and the rules", async () => {
    const run = await runKaizen(["dora", "octo-org/shop", "--from", "2026-03-02", "--to", "2026-03-09"], { env: app.env });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("changeLeadTime: less than one day (elite cluster, DORA 2024 (Accelerate State of DevOps Report 2024))");
    expect(run.stdout).toContain("the 2025 report dropped fixed performance bands");
    expect(run.stdout).toContain("deployment 2 (bbbbbbb): rollback — rolled back by deployment 3 (aaaaaaa)");
  });

  it("exits 2 without a repository", async () => {
    const run = await runKaizen(["dora"], { env: app.env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("name the repository");
  });
});
