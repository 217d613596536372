import { recordBenchmarkRun } from "../../../src/benchmarks/store/benchmark-runs.js";
import {
  listBenchmarkHistory,
  listBenchmarkResultsForSha,
  saveBenchmarkResults,
  shasWithBenchmarkResults,
  type BenchmarkResultInput,
} from "../../../src/benchmarks/store/benchmark-results.js";
import { useTestDatabase } from "../../helpers/test-database.js";

let next = 1;
const sha = (c: string) => c.repeat(40);

function aResult(overrides: Partial<BenchmarkResultInput> = {}): BenchmarkResultInput {
  return {
    benchmark: "BenchmarkParse-8",
    measure: "ns/op",
    unit: "ns",
    better: "lower",
    value: 1520.5,
    samples: [1500, 1520.5, 1541],
    file: "go-bench.txt",
    format: "go",
    ...overrides,
  };
}

describe("benchmark results", () => {
  const db = useTestDatabase();

  /** A run of a repository of its own (GitHub-sized ids) and where its results go. */
  async function aRun(repoId = 4_200_000_000 + next, branch = "main", commit = sha("a")) {
    const n = next++;
    const run = await recordBenchmarkRun(db.pool, {
      repoId, owner: "octo-org", repo: "shop", installationId: 3_900_000_000, githubRunId: 13_000_000_000 + n,
      workflowName: "Benchmarks", event: "push", headBranch: branch, headSha: commit, headOwner: null,
    });
    return { id: run.id, repoId, branch, sha: commit };
  }

  describe("saveBenchmarkResults and listBenchmarkResultsForSha", () => {
    it("stores each measure with its samples, and a measure without samples as null", async () => {
      const run = await aRun();
      const single = aResult({ benchmark: "checkout", measure: "http_req_duration p(95)", unit: "ms", better: null, value: 212.25, samples: null, file: "k6.json", format: "k6" });
      await saveBenchmarkResults(db.pool, run, [aResult(), aResult({ measure: "B/op", unit: "B", value: 4096, samples: [4096, 4096] }), single]);
      const stored = await listBenchmarkResultsForSha(db.pool, run.repoId, run.sha);
      expect(stored).toEqual([
        { ...aResult({ measure: "B/op", unit: "B", value: 4096, samples: [4096, 4096] }), branch: "main", sha: run.sha, createdAt: expect.any(Date) },
        { ...aResult(), branch: "main", sha: run.sha, createdAt: expect.any(Date) },
        { ...single, branch: "main", sha: run.sha, createdAt: expect.any(Date) },
      ]);
    });

    it("replaces a commit's numbers when the commit is measured again, never duplicating them", async () => {
      const first = await aRun();
      await saveBenchmarkResults(db.pool, first, [aResult({ value: 100, samples: [99, 101] })]);
      const rerun = await aRun(first.repoId);
      await saveBenchmarkResults(db.pool, rerun, [aResult({ value: 90, samples: null })]);
      await saveBenchmarkResults(db.pool, rerun, [aResult({ value: 90, samples: null })]); // a retried job
      const stored = await listBenchmarkResultsForSha(db.pool, first.repoId, first.sha);
      expect(stored).toEqual([expect.objectContaining({ value: 90, samples: null })]);
      const { rows } = await db.pool.query("select run_id::int from benchmark_results where repo_id = $1", [first.repoId]);
      expect(rows).toEqual([{ run_id: rerun.id }]);
    });

    it("stores nothing for an empty list", async () => {
      const run = await aRun();
      await saveBenchmarkResults(db.pool, run, []);
      expect(await listBenchmarkResultsForSha(db.pool, run.repoId, run.sha)).toEqual([]);
    });

    it("returns a commit's latest result per measure when it was measured on two branches", async () => {
      const onBranch = await aRun(undefined, "feature", sha("c"));
      await saveBenchmarkResults(db.pool, onBranch, [aResult({ value: 5 })]);
      const onMain = await aRun(onBranch.repoId, "main", sha("c"));
      await saveBenchmarkResults(db.pool, onMain, [aResult({ value: 6 })]);
      const stored = await listBenchmarkResultsForSha(db.pool, onBranch.repoId, sha("c"));
      expect(stored).toEqual([expect.objectContaining({ value: 6, branch: "main" })]);
    });

    it("never takes a fork's results for the repository's, even on a commit of the default branch (issue 10)", async () => {
      const own = await aRun(undefined, "main", sha("f"));
      await saveBenchmarkResults(db.pool, own, [aResult({ value: 100 })]);
      // A fork runs its own workflow on the same commit, later, and reports what it likes.
      const fork = await aRun(own.repoId, "mallory:main", sha("f"));
      await saveBenchmarkResults(db.pool, fork, [aResult({ value: 1 })]);
      const forkOnly = await aRun(own.repoId, "mallory:main", sha("e"));
      await saveBenchmarkResults(db.pool, forkOnly, [aResult({ value: 1 })]);

      expect(await listBenchmarkResultsForSha(db.pool, own.repoId, sha("f"))).toEqual([expect.objectContaining({ value: 100, branch: "main" })]);
      expect(await shasWithBenchmarkResults(db.pool, own.repoId, [sha("e"), sha("f")])).toEqual(new Set([sha("f")]));
      // The fork's run still compares its own results.
      expect(await listBenchmarkResultsForSha(db.pool, own.repoId, sha("f"), { branch: "mallory:main" })).toEqual([expect.objectContaining({ value: 1 })]);
    });

    it("keeps repositories apart", async () => {
      const a = await aRun();
      const b = await aRun();
      await saveBenchmarkResults(db.pool, a, [aResult({ value: 1 })]);
      await saveBenchmarkResults(db.pool, b, [aResult({ value: 2 })]);
      expect(await listBenchmarkResultsForSha(db.pool, a.repoId, a.sha)).toEqual([expect.objectContaining({ value: 1 })]);
    });
  });

  describe("shasWithBenchmarkResults", () => {
    it("names the commits among those asked about that have results", async () => {
      const run = await aRun(undefined, "main", sha("1"));
      await saveBenchmarkResults(db.pool, run, [aResult()]);
      const other = await aRun(run.repoId, "main", sha("2"));
      await saveBenchmarkResults(db.pool, other, [aResult()]);
      const found = await shasWithBenchmarkResults(db.pool, run.repoId, [sha("1"), sha("3"), sha("4")]);
      expect(found).toEqual(new Set([sha("1")]));
      expect(await shasWithBenchmarkResults(db.pool, run.repoId, [])).toEqual(new Set());
    });
  });

  describe("listBenchmarkHistory", () => {
    it("returns a measure's latest results on one branch, newest first, without the excluded commit", async () => {
      const repoId = 4_300_000_000;
      for (const [commit, branch, value] of [["1", "main", 10], ["2", "main", 11], ["3", "feature", 99], ["4", "main", 12], ["5", "main", 13]] as const) {
        const run = await aRun(repoId, branch, sha(commit));
        await saveBenchmarkResults(db.pool, run, [aResult({ value }), aResult({ measure: "B/op", value: value * 100 })]);
      }
      const history = await listBenchmarkHistory(db.pool, {
        repoId, branch: "main", benchmark: "BenchmarkParse-8", measure: "ns/op", excludeSha: sha("5"), limit: 2,
      });
      expect(history.map((r) => [r.sha, r.value])).toEqual([[sha("4"), 12], [sha("2"), 11]]);
    });
  });
});
