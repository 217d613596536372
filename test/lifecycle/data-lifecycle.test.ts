import { useKaizen } from "../helpers/use-kaizen.js";
import { seedEvaluation } from "../helpers/seed-evaluation.js";
import { recordBenchmarkRun, setBenchmarkRunState } from "../../src/benchmarks/store/benchmark-runs.js";
import { pruneData } from "../../src/lifecycle/prune-data.js";
import { runKaizen } from "../cli/run-kaizen.js";
import { installationRepositoriesAddedPayload } from "../helpers/webhook-payloads.js";
import { createRequire } from "node:module";

const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Array<{
  name: string;
  examples: Array<Record<string, any>>;
}>;

/** GitHub's own example payload of `name.action`, for a repository of ours. */
function removalPayload(name: "installation" | "installation_repositories", action: string, repo: { id: number; fullName: string }) {
  const payload = structuredClone(examples.find((e) => e.name === name)!.examples.find((e) => e["action"] === action)!);
  const list = name === "installation" ? "repositories" : "repositories_removed";
  payload[list] = [{ ...payload[list][0], id: repo.id, full_name: repo.fullName, name: repo.fullName.split("/")[1] }];
  return payload;
}

const DAY = 86_400_000;

describe("data lifecycle", () => {
  // No radar import after the re-installation: this file is about what is kept, not what is read.
  const kaizen = useKaizen({ idleJobs: ["import-radar"] });
  let kept: { id: number; fullName: string };
  let removed: { id: number; fullName: string };

  async function rowsOf(repoId: number): Promise<Record<string, number>> {
    const count = async (sql: string) => (await kaizen.pool.query<{ n: number }>(sql, [repoId])).rows[0]!.n;
    return {
      deployments: await count("select count(*)::int as n from deployments where repo_id = $1"),
      evaluations: await count("select count(*)::int as n from evaluations e join deployments d on d.id = e.deployment_id where d.repo_id = $1"),
      benchmarkRuns: await count("select count(*)::int as n from benchmark_runs where repo_id = $1"),
    };
  }

  async function seedRepo(owner: string, repo: string): Promise<{ id: number; fullName: string }> {
    const { deployment } = await seedEvaluation(kaizen.pool, { owner, repo });
    const run = { repoId: deployment.repoId, owner, repo, installationId: 2, workflowName: "bench", event: "push", headBranch: "main", headSha: "b".repeat(40), headOwner: null };
    await recordBenchmarkRun(kaizen.pool, { ...run, githubRunId: deployment.repoId + 1 });
    return { id: deployment.repoId, fullName: `${owner}/${repo}` };
  }

  beforeEach(async () => {
    kept = await seedRepo("octo-org", `kept-${Date.now()}`);
    removed = await seedRepo("octo-org", `removed-${Date.now()}`);
  });

  describe.each([
    ["installation_repositories.removed", "installation_repositories", "removed"],
    ["installation.deleted", "installation", "deleted"],
  ] as const)("%s", (_event, name, action) => {
    it("keeps the repository's data through the grace period, then deletes all of it and nothing else", async () => {
      await kaizen.probot.receive({ id: `remove-${removed.id}`, name, payload: removalPayload(name, action, removed) } as never);
      const before = await rowsOf(removed.id);
      expect(before).toEqual({ deployments: 1, evaluations: 1, benchmarkRuns: 1 });

      const early = await pruneData(kaizen.pool, { retentionMs: 30 * DAY, now: new Date(Date.now() + 29 * DAY) });
      expect(early.repos).toEqual([]);
      expect(await rowsOf(removed.id)).toEqual(before);

      const late = await pruneData(kaizen.pool, { retentionMs: 30 * DAY, now: new Date(Date.now() + 31 * DAY) });
      expect(late.repos).toEqual([{ fullName: removed.fullName, rows: { benchmark_runs: 1, deployments: 1 } }]);
      expect(await rowsOf(removed.id)).toEqual({ deployments: 0, evaluations: 0, benchmarkRuns: 0 });
      expect(await rowsOf(kept.id)).toEqual({ deployments: 1, evaluations: 1, benchmarkRuns: 1 });
    });
  });

  describe("a repository installed again within the grace period", () => {
    it("keeps its data", async () => {
      await kaizen.probot.receive({ id: `remove-${removed.id}`, name: "installation_repositories", payload: removalPayload("installation_repositories", "removed", removed) } as never);
      const added = installationRepositoriesAddedPayload();
      added["repositories_added"] = [{ ...added["repositories_added"][0], id: removed.id, full_name: removed.fullName }];
      await kaizen.probot.receive({ id: `add-${removed.id}`, name: "installation_repositories", payload: added } as never);

      const report = await pruneData(kaizen.pool, { retentionMs: 30 * DAY, now: new Date(Date.now() + 31 * DAY) });
      expect(report.repos).toEqual([]);
      expect(await rowsOf(removed.id)).toEqual({ deployments: 1, evaluations: 1, benchmarkRuns: 1 });
    });
  });

  describe("kaizen prune", () => {
    it("deletes skipped workflow runs older than three days and finished jobs past the retention, and says what it removed", async () => {
      const { rows } = await kaizen.pool.query<{ id: string }>("select id from benchmark_runs where repo_id = $1", [kept.id]);
      await setBenchmarkRunState(kaizen.pool, Number(rows[0]!.id), "skipped", { note: "not a benchmark workflow" });
      await kaizen.pool.query("update benchmark_runs set created_at = now() - interval '4 days' where repo_id = $1", [kept.id]);
      await kaizen.pool.query("update pgboss.job set completed_on = now() - interval '2 days' where state = 'completed'");
      const { rows: finished } = await kaizen.pool.query<{ n: number }>("select count(*)::int as n from pgboss.job where state = 'completed'");
      await kaizen.probot.receive({ id: `remove-cli-${removed.id}`, name: "installation_repositories", payload: removalPayload("installation_repositories", "removed", removed) } as never);
      await kaizen.pool.query("update repo_removals set removed_at = now() - interval '2 days'");

      const { code, stdout } = await runKaizen(["prune"], { env: { DATABASE_URL: kaizen.databaseUrl, KAIZEN_RETENTION: "1d" } });

      expect(code).toBe(0);
      expect(stdout.trim().split("\n")).toEqual([
        `removed ${removed.fullName}: 1 benchmark_runs, 1 deployments`,
        "removed 1 skipped workflow run(s)",
        `removed ${finished[0]!.n} finished job(s)`,
      ]);
      expect(await rowsOf(kept.id)).toEqual({ deployments: 1, evaluations: 1, benchmarkRuns: 0 });
    });
  });
});
