import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { zipSync } from "fflate";
import nock from "nock";
import { createNodeMiddleware, Probot } from "probot";
import { kaizen as kaizenApp } from "../../src/index.js";
import { ingestBenchmarks } from "../../src/benchmarks/ingest-benchmarks.js";
import { parseBenchmarkFile } from "../../src/benchmarks/formats/parse-benchmark-file.js";
import { INSTALLATION_ID, workflowRunPayload, type WorkflowRunOptions } from "../helpers/webhook-payloads.js";
import { privateKey, WEBHOOK_SECRET } from "../helpers/start-kaizen.js";
import { ProductionOctokit, TRIES_ON_5XX } from "../helpers/production-octokit.js";
import { useKaizen } from "../helpers/use-kaizen.js";
import { nockConfig } from "../helpers/nock-app.js";
import { GITHUB_API } from "../helpers/nock-github.js";
import { benchmarkNocks } from "../helpers/nock-benchmarks.js";

type Body = Record<string, any>;

/** The repository of the workflow_run example payload. */
const repo = { owner: "octo-org", repo: "octo-repo" } as const;
const REPO_PATH = `/repos/${repo.owner}/${repo.repo}`;
const CONFIG = `
benchmarks:
  workflows: [Benchmarks]
`;
const HYPERFINE = readFileSync("test/fixtures/benchmarks/hyperfine/hyperfine.json", "utf8");
const CUSTOM_JSON = JSON.stringify([
  { name: "parse config", unit: "ms", value: 12.5 },
  { name: "render comment", unit: "ms", value: 3.25 },
]);
const sha = (c: string) => c.repeat(40);

const { nockListArtifacts, nockDownloadArtifact, zipFiles: zip } = benchmarkNocks(repo);

describe("workflow_run.completed", () => {
  // The compare job is another pipeline's: it stays queued, so these tests can see that it was.
  const kaizen = useKaizen({ idleJobs: ["compare-benchmarks"], accessToken: INSTALLATION_ID });

  async function rows<T = Body>(sql: string, values: unknown[] = []): Promise<T[]> {
    return (await kaizen.pool.query(sql, values)).rows as T[];
  }
  async function deliver(options: WorkflowRunOptions, id = `run-${options.runId}`) {
    await kaizen.probot.receive({ id, name: "workflow_run", payload: workflowRunPayload(options) } as never);
  }
  /** Waits until the run's ingest job has completed, and returns the run's row. */
  async function ingested(githubRunId: number): Promise<Body> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const [run] = await rows("select * from benchmark_runs where github_run_id = $1", [githubRunId]);
      const [job] = run ? await rows("select state from pgboss.job where name = 'ingest-benchmarks' and (data->>'runId')::bigint = $1", [run.id]) : [];
      if (run && job?.state === "completed") return run;
      if (Date.now() > deadline) throw new Error(`run ${githubRunId} is ${run?.state ?? "missing"}, its ingest job ${job?.state ?? "missing"}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  const jobs = (name: string, runId: number) =>
    rows("select data from pgboss.job where name = $1 and (data->>'runId')::bigint = $2", [name, runId]);
  const byKey = (a: Body, b: Body) => JSON.stringify([a.file, a.benchmark, a.measure]).localeCompare(JSON.stringify([b.file, b.benchmark, b.measure]));
  const results = async (runId: number) =>
    (await rows("select branch, sha, benchmark, measure, unit, better, value, samples, file, format from benchmark_results where run_id = $1", [runId])).sort(byKey);

  /** What the parsers read from `text`, as the rows ingest should store for it. */
  function expectedRows(file: string, text: string, branch: string, headSha: string): Body[] {
    const parsed = parseBenchmarkFile(file, text, "auto");
    return parsed.measurements.map((m) => ({ ...m, branch, sha: headSha, file, format: parsed.format })).sort(byKey);
  }

  describe("when a configured workflow of the repository succeeds", () => {
    const run: WorkflowRunOptions = { runId: 30_000_000_001, headSha: sha("a"), headBranch: "faster-parser", pull: { number: 7, baseRef: "main", baseSha: sha("0") } };
    const artifact = zip({
      "results/": "",
      "results/hyperfine.json": HYPERFINE,
      "results/custom.json": CUSTOM_JSON,
      "__MACOSX/results/._custom.json": "\u0000\u0005\u0016\u0007",
    });

    it("stores every result of the artifact for the head commit and queues the comparison", async () => {
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 501, name: "coverage" }, { id: 502, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(502, artifact);

      await deliver(run);
      const stored = await ingested(run.runId);

      expect(stored).toMatchObject({ state: "ingested", problems: [], head_owner: null, workflow_name: "Benchmarks", head_branch: "faster-parser" });
      expect(stored.note).toContain("from 2 file(s)");
      expect(stored.note).toContain("`results/` (directory)");
      expect(stored.note).toContain("`__MACOSX/results/._custom.json` (macOS metadata)");
      const expected = [
        ...expectedRows("results/custom.json", CUSTOM_JSON, "faster-parser", sha("a")),
        ...expectedRows("results/hyperfine.json", HYPERFINE, "faster-parser", sha("a")),
      ].sort(byKey);
      expect(expected.length).toBeGreaterThan(2);
      expect(await results(Number(stored.id))).toEqual(expected);
      expect(await jobs("ingest-benchmarks", Number(stored.id))).toEqual([{ data: { runId: Number(stored.id) } }]);
      expect(await jobs("compare-benchmarks", Number(stored.id))).toEqual([{ data: { runId: Number(stored.id) } }]);
    });

    it("stores nothing twice and queues nothing new when the webhook is delivered again", async () => {
      const before = await rows("select (select count(*) from benchmark_runs) as runs, (select count(*) from benchmark_results) as results, (select count(*) from pgboss.job) as jobs");
      await deliver(run);
      await deliver(run, "another-delivery-id");
      const after = await rows("select (select count(*) from benchmark_runs) as runs, (select count(*) from benchmark_results) as results, (select count(*) from pgboss.job) as jobs");
      expect(after).toEqual(before);
    });
  });

  describe("when the run is of a pull request from a fork", () => {
    it("ingests it, recording the fork's owner and filing its results under the fork's branch", async () => {
      const run: WorkflowRunOptions = { runId: 30_000_000_002, headSha: sha("b"), headBranch: "main", forkOwner: "a-contributor" };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 503, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(503, zip({ "custom.json": CUSTOM_JSON }));

      await deliver(run);
      const stored = await ingested(run.runId);

      expect(stored).toMatchObject({ state: "ingested", problems: [], head_owner: "a-contributor", event: "pull_request" });
      expect(await results(Number(stored.id))).toEqual(expectedRows("custom.json", CUSTOM_JSON, "a-contributor:main", sha("b")));
      expect(await jobs("compare-benchmarks", Number(stored.id))).toHaveLength(1);
    });
  });

  describe("when the workflow is not one benchmarks.workflows names", () => {
    it("skips the run without touching its artifacts", async () => {
      const run: WorkflowRunOptions = { runId: 30_000_000_003, headSha: sha("c"), workflowName: "CI" };
      nockConfig(CONFIG, repo);
      await deliver(run);
      const stored = await ingested(run.runId);
      expect(stored).toMatchObject({ state: "skipped", note: "workflow `CI` is not in benchmarks.workflows" });
      expect(await jobs("compare-benchmarks", Number(stored.id))).toEqual([]);
    });
  });

  describe("when the repository has no .github/kaizen.yml", () => {
    it("skips the run", async () => {
      const run: WorkflowRunOptions = { runId: 30_000_000_004, headSha: sha("d") };
      nockConfig(null, repo);
      await deliver(run);
      expect(await ingested(run.runId)).toMatchObject({ state: "skipped", note: "no .github/kaizen.yml on the default branch" });
    });
  });

  describe("when the run did not succeed", () => {
    it.each(["failure", "cancelled", "skipped"])("records and queues nothing for a %s run", async (conclusion) => {
      const runId = 30_000_000_100 + conclusion.length;
      const queued = () => rows("select id from pgboss.job where name = 'ingest-benchmarks'");
      const before = await queued();
      await deliver({ runId, headSha: sha("e"), conclusion });
      expect(await rows("select id from benchmark_runs where github_run_id = $1", [runId])).toEqual([]);
      expect(await queued()).toEqual(before);
    });
  });

  describe("when the artifact cannot be used", () => {
    /** Delivers a run whose config is valid, waits for its ingest, and returns the run's problems. */
    async function problemsOf(run: WorkflowRunOptions): Promise<Body[]> {
      await deliver(run);
      const stored = await ingested(run.runId);
      expect(stored.state).toBe("ingested");
      // The problems reach the "Kaizen benchmarks" check run through the comparison.
      expect(await jobs("compare-benchmarks", Number(stored.id))).toHaveLength(1);
      return stored.problems as Body[];
    }

    it("names the artifacts the run has when the configured one is missing, and how to upload it", async () => {
      const run = { runId: 30_000_000_011, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 511, name: "coverage" }, { id: 512, name: "kaizen-benchmark" }]);
      expect(await problemsOf(run)).toEqual([
        {
          file: "kaizen-benchmarks",
          line: null,
          reason: "The run uploaded only `coverage`, `kaizen-benchmark`, no artifact named `kaizen-benchmarks`.",
          fix: "Did you mean `kaizen-benchmark`? Set `benchmarks.artifact: kaizen-benchmark`, or upload the result files in this workflow with `actions/upload-artifact` and `name: kaizen-benchmarks`, after the step that runs the benchmarks.",
        },
      ]);
    });

    it("reports an artifact that expired before it could be read", async () => {
      const run = { runId: 30_000_000_012, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 513, name: "kaizen-benchmarks", expired: true }]);
      const [problem] = await problemsOf(run);
      expect(problem).toMatchObject({ file: "kaizen-benchmarks", reason: "The artifact expired on 2026-11-01 before Kaizen could read it." });
      expect(problem?.fix).toContain("retention-days:");
    });

    it("reports an artifact that expired between the listing and the download", async () => {
      const run = { runId: 30_000_000_017, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 518, name: "kaizen-benchmarks" }]);
      nock(GITHUB_API).get(`${REPO_PATH}/actions/artifacts/518/zip`).reply(410, { message: "Artifact has expired" });
      const [problem] = await problemsOf(run);
      expect(problem).toMatchObject({ file: "kaizen-benchmarks", reason: "The artifact expired on 2026-11-01 before Kaizen could read it." });
    });

    it("reports an artifact larger than Kaizen reads, without downloading it", async () => {
      const run = { runId: 30_000_000_013, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 514, name: "kaizen-benchmarks", size: 300 * 1024 * 1024 }]);
      const [problem] = await problemsOf(run);
      expect(problem?.reason).toBe("The artifact is 300 MiB; Kaizen reads artifacts of up to 20 MiB.");
    });

    it("reports a corrupt zip", async () => {
      const run = { runId: 30_000_000_014, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 515, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(515, zip({ "custom.json": CUSTOM_JSON }).subarray(0, 40));
      const [problem] = await problemsOf(run);
      expect(problem).toMatchObject({ file: "kaizen-benchmarks", line: null });
      expect(problem?.reason).toMatch(/^The artifact is not a readable zip archive/);
      expect(problem?.fix).toContain("Re-run the workflow");
    });

    it("reports an artifact with no files in it", async () => {
      const run = { runId: 30_000_000_015, headSha: sha("f") };
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 516, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(516, zipSync({ results: {} }));
      const [problem] = await problemsOf(run);
      expect(problem).toMatchObject({ file: "kaizen-benchmarks", reason: "The artifact holds no files." });
      expect(problem?.fix).toContain("`path:`");
    });

    it("stores what it can read and reports a file of unknown format and an unreadable file with its line", async () => {
      const run = { runId: 30_000_000_016, headSha: sha("1") };
      const broken = '{\n  "results": [\n    { "command": "sleep 0.01", "mean": }\n  ]\n}\n';
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 517, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(517, zip({ "a-custom.json": CUSTOM_JSON, "b-broken.json": broken, "c-notes.txt": "Benchmarks ran fine today.\n" }));

      const problems = await problemsOf(run);

      expect(problems).toEqual([
        { file: "b-broken.json", line: 3, reason: expect.stringContaining("invalid JSON at line 3"), fix: expect.stringContaining("Reading stopped at line 3") },
        { file: "c-notes.txt", line: null, reason: expect.stringContaining("not a benchmark result Kaizen can read"), fix: "Keep only benchmark result files in the artifact, each as the tool wrote it." },
      ]);
      const [stored] = await rows("select id from benchmark_runs where github_run_id = $1", [run.runId]);
      expect(await results(Number(stored!.id))).toEqual(expectedRows("a-custom.json", CUSTOM_JSON, "main", sha("1")));
    });
  });

  describe("when GitHub fails", () => {
    it("retries the job, and the retry ingests the run", async () => {
      const run = { runId: 30_000_000_031, headSha: sha("5") };
      nockConfig(CONFIG, repo);
      nock(GITHUB_API).get(`${REPO_PATH}/actions/runs/${run.runId}/artifacts`).query({ per_page: "100" }).times(TRIES_ON_5XX).reply(502, "Bad Gateway");
      nockConfig(CONFIG, repo);
      nockListArtifacts(run.runId, [{ id: 531, name: "kaizen-benchmarks" }]);
      nockDownloadArtifact(531, zip({ "custom.json": CUSTOM_JSON }));

      await deliver(run);
      const stored = await ingested(run.runId);

      expect(stored).toMatchObject({ state: "ingested", problems: [] });
      expect(await results(Number(stored.id))).toHaveLength(2);
      const [job] = await rows("select retry_count from pgboss.job where name = 'ingest-benchmarks' and (data->>'runId')::bigint = $1", [stored.id]);
      expect(job).toEqual({ retry_count: 1 });
    });
  });

  describe("when the job runs again for a run already ingested", () => {
    it("only queues the comparison, calling GitHub for nothing", async () => {
      const [run] = await rows<{ id: number }>(
        `insert into benchmark_runs (repo_id, owner, repo, installation_id, github_run_id, workflow_name, event, head_branch, head_sha, state)
         values (1, 'octo-org', 'octo-repo', $1, 30000000041, 'Benchmarks', 'push', 'main', $2, 'ingested') returning id::int`,
        [INSTALLATION_ID, sha("6")],
      );
      const id = run!.id;
      await ingestBenchmarks(kaizen.probot, kaizen.deps, id);
      expect(await jobs("compare-benchmarks", id)).toEqual([{ data: { runId: id } }]);
    });
  });

  describe("when the webhook is unsigned or wrongly signed", () => {
    it("rejects it before anything is stored or queued", async () => {
      const probot = new Probot({ appId: 123, privateKey, secret: WEBHOOK_SECRET, Octokit: ProductionOctokit, logLevel: "fatal" });
      const middleware = await createNodeMiddleware(kaizenApp({ ...kaizen.deps, workers: false }), { probot });
      const server = createServer((req, res) => void middleware(req, res));
      try {
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        nock.enableNetConnect("127.0.0.1");
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
        const runId = 30_000_000_021;
        const body = JSON.stringify(workflowRunPayload({ runId, headSha: sha("2") }));
        const headers = { "content-type": "application/json", "x-github-event": "workflow_run", "x-github-delivery": "unsigned-1" };
        const wrong = `sha256=${createHmac("sha256", "not-the-secret").update(body).digest("hex")}`;

        const unsigned = await fetch(url, { method: "POST", headers, body });
        const badlySigned = await fetch(url, { method: "POST", headers: { ...headers, "x-hub-signature-256": wrong }, body });

        expect([unsigned.status, badlySigned.status]).toEqual([400, 400]);
        expect(await rows("select id from benchmark_runs where github_run_id = $1", [runId])).toEqual([]);
      } finally {
        nock.disableNetConnect();
        await new Promise((resolve) => server.close(resolve));
      }
    });
  });
});
