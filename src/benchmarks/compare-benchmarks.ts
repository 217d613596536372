import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { listBenchmarkResultsForSha } from "./store/benchmark-results.js";
import { resultBranch } from "./ingest-benchmarks.js";
import { getBenchmarkRun, setBenchmarkRunState } from "./store/benchmark-runs.js";
import { withAdvisoryLock } from "../db/with-advisory-lock.js";
import { installationClient } from "../github/installation-client.js";
import { publishVerdictsSection } from "../github/publish-verdicts-section.js";
import { publishBenchmarksCheck } from "./publish-benchmarks-check.js";
import { benchmarksSection } from "./benchmarks-section.js";
import { syncBenchmarkIssues } from "./sync-benchmark-issues.js";
import { syncBenchmarkDrift } from "./sync-benchmark-drift.js";
import { benchmarkRunFacts } from "./benchmark-run-facts.js";
import { buildBenchmarkReport, type BenchmarkTarget } from "./build-benchmark-report.js";
import { findRunPulls } from "./github.js";
import type { BenchmarkRun } from "./store/benchmark-runs.js";
import type { BenchmarkReport } from "./report-context.js";
import { alertingBenchmarks, applyMutes } from "./apply-mutes.js";
import { listActiveMutes } from "../db/verdict-feedback.js";

/**
 * Compares an ingested benchmark run with its baseline and reports it.
 *
 * 1. db       — the run; only an ingested one goes on (skipped and failed runs have nothing to compare,
 *               reported ones were done by an earlier delivery of this job).
 * 2. config   — `.github/kaizen.yml` from the default branch; gone → skipped.
 * 3. targets  — the open pull requests with the run's commit as head (forks by `owner:branch`), and the push
 *               itself when it went to the default branch.
 * 4. analysis — per target: the baseline commit (merge-base, else its nearest ancestor with results; for a push
 *               the nearest ancestor), then every (benchmark, measure) compared (buildBenchmarkReport).
 * 5. report   — the "Kaizen benchmarks" check run on head (the first pull request's comparison, else the
 *               push's), each pull request's benchmarks section, and on a push to the default branch the
 *               improvement issues and the drift check over the branch's history (drift issues), both in the
 *               branch's commit order: the drift check is made at the tip, however late this push's run finished.
 *               Every write is idempotent, so a retry resumes without duplicates. A muted benchmark
 *               (`/kaizen mute`) is compared and shown, but opens no issue and fails no gate.
 * 6. db       — the run is marked reported with its check run.
 * A run that is neither the head of an open pull request nor a push to the default branch has nothing to be
 * compared for; only its ingest problems, if any, are reported, so bad input is never silent.
 */
export async function compareBenchmarks(app: Probot, deps: AppDeps, runId: number): Promise<void> {
  const run = await getBenchmarkRun(deps.pool, runId);
  if (!run || run.state !== "ingested") return;
  const { owner, repo } = run;
  const octokit = await installationClient(app, run.installationId);

  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status !== "ok") {
    await setBenchmarkRunState(deps.pool, runId, "skipped", { note: `config ${loaded.status} when comparing` });
    return;
  }
  const config = loaded.config;

  const pulls = await findRunPulls(octokit, run);
  const targets: BenchmarkTarget[] = pulls.map((pull) => ({ kind: "pull", pull }));
  if (run.event === "push" && !run.headOwner) {
    const { data } = await octokit.rest.repos.get({ owner, repo });
    if (data.default_branch === run.headBranch) targets.push({ kind: "push", branch: run.headBranch });
  }

  // This run's own results: another run of the same commit (a fork's) cannot speak for it.
  const head = await listBenchmarkResultsForSha(deps.pool, run.repoId, run.headSha, { branch: resultBranch(run) });
  const mutes = await listActiveMutes(deps.pool, run.repoId, deps.now());
  const reports = [];
  for (const target of targets) reports.push(applyMutes(await buildBenchmarkReport(octokit, deps.pool, { run, config, head, target }), mutes));

  if (reports.length === 0) {
    const note = "not the head of an open pull request nor a push to the default branch: nothing to compare with";
    const problems = run.problems.length > 0 ? problemsOnly(run, note, config.benchmarks.gate) : null;
    const checkRunId = problems ? await publishBenchmarksCheck(octokit, problems, runId) : null;
    await setBenchmarkRunState(deps.pool, runId, "reported", { note, checkRunId });
    return;
  }
  const checkRunId = await publishBenchmarksCheck(octokit, reports[0]!, runId);
  for (const report of reports.filter((r) => r.pull)) {
    await publishVerdictsSection(octokit, deps.pool, { repoId: run.repoId, repo: report.repo, policy: config.comment }, benchmarksSection(report, deps.publicUrl));
  }
  const push = reports.find((r) => !r.pull);
  if (push && config.issues.enabled) {
    // One run at a time per repository, so two pushes in quick succession cannot both open the same issue.
    await withAdvisoryLock(deps.pool, `kaizen-benchmark-issues:${run.repoId}`, async () => {
      const sync = { repoId: run.repoId, publicUrl: deps.publicUrl };
      const tip = await syncBenchmarkIssues(octokit, deps.pool, { ...sync, report: alertingBenchmarks(push), runId, labels: config.issues.labels });
      await syncBenchmarkDrift(octokit, deps.pool, { ...sync, report: push, tip, config, now: deps.now() });
    });
  }
  await setBenchmarkRunState(deps.pool, runId, "reported", { checkRunId });
}

/** A report with nothing compared, carrying only the run's ingest problems to its check run. */
function problemsOnly(run: BenchmarkRun, why: string, gate: boolean): BenchmarkReport {
  return {
    ...benchmarkRunFacts(run),
    pull: null,
    baseBranch: run.headBranch,
    baseline: null,
    noBaseline: why,
    gate,
    benchmarks: [],
    added: [],
    removed: [],
  };
}
