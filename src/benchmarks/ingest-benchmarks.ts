import type { Probot } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { getBenchmarkRun, setBenchmarkRunState, type BenchmarkRun } from "./store/benchmark-runs.js";
import { saveBenchmarkResults } from "./store/benchmark-results.js";
import { installationClient } from "../github/installation-client.js";
import { publishConfigCheck } from "../github/publish-config-check.js";
import { downloadArtifact } from "./artifact/download-artifact.js";
import { readResultFiles } from "./artifact/read-result-files.js";
import { unzipArtifact } from "./artifact/unzip-artifact.js";

const code = (text: string): string => `\`${text}\``;

/**
 * Where a run's results are filed. A fork's branch is named `owner:branch` (GitHub's notation for pull
 * request heads), so a contributor's `main` never mixes into the repository's own `main` history.
 */
export function resultBranch(run: Pick<BenchmarkRun, "headBranch" | "headOwner">): string {
  return run.headOwner ? `${run.headOwner}:${run.headBranch}` : run.headBranch;
}

/** What the run read and passed over, for operators (the problems go to the check run). */
function ingestNote(artifact: string, counts: { files: number; results: number }, ignored: string[]): string {
  const read = `read ${counts.results} result(s) from ${counts.files} file(s) of ${code(artifact)}`;
  if (ignored.length === 0) return read;
  const listed = ignored.slice(0, 10).join(", ") + (ignored.length > 10 ? ` and ${ignored.length - 10} more` : "");
  return `${read}; ignored ${listed}`;
}

/**
 * Reads a finished workflow run's benchmark results into the database.
 *
 * 1. config   — `.github/kaizen.yml` from the default branch; no file → skipped; broken → the "Kaizen config"
 *               check run on the head commit, skipped.
 * 2. guard    — only workflows named in `benchmarks.workflows`; any other → skipped, before any artifact call.
 * 3. download — the run's `benchmarks.artifact` zip, with the installation's token (so fork runs work too).
 * 4. unzip    — within ARTIFACT_LIMITS; folders and `__MACOSX/` metadata ignored and listed in the run's note.
 * 5. parse    — every file with parseBenchmarkFile; what cannot be read becomes a problem with its fix.
 * 6. store    — results for (branch, head sha); problems and note on the run; state ingested.
 * 7. compare  — queue `compare-benchmarks`, which reports the results and the problems on the check run.
 *
 * Bad input never stops the flow at 3–5: it is collected as problems and the run still goes on to 7.
 */
export async function ingestBenchmarks(app: Probot, deps: AppDeps, runId: number): Promise<void> {
  const run = await getBenchmarkRun(deps.pool, runId);
  // A retry after the run was stored but before the compare job was queued: queue it (idempotent by key).
  if (run?.state === "ingested") return sendCompare(deps, runId);
  if (run?.state !== "pending") return;
  const { owner, repo } = run;
  const octokit = await installationClient(app, run.installationId);

  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status === "missing") {
    await setBenchmarkRunState(deps.pool, runId, "skipped", { note: "no .github/kaizen.yml on the default branch" });
    return;
  }
  if (loaded.status === "invalid") {
    await publishConfigCheck(octokit, { owner, repo, sha: run.headSha, problems: loaded.problems });
    await setBenchmarkRunState(deps.pool, runId, "skipped", { note: `${loaded.problems.length} config problem(s)` });
    return;
  }
  const { benchmarks } = loaded.config;
  if (!benchmarks.workflows.includes(run.workflowName)) {
    const note = `workflow ${code(run.workflowName)} is not in benchmarks.workflows`;
    await setBenchmarkRunState(deps.pool, runId, "skipped", { note });
    return;
  }

  const { artifact, format } = benchmarks;
  const downloaded = await downloadArtifact(octokit, { owner, repo, runId: run.githubRunId, name: artifact });
  const contents = "zip" in downloaded ? unzipArtifact(downloaded.zip, artifact) : undefined;
  const read = readResultFiles(contents?.files ?? [], format);
  const problems = [
    ...("problem" in downloaded ? [downloaded.problem] : []),
    ...(contents?.problems ?? []),
    ...read.problems,
  ];

  const target = { id: runId, repoId: run.repoId, branch: resultBranch(run), sha: run.headSha };
  await saveBenchmarkResults(deps.pool, target, read.results);
  const note = ingestNote(artifact, { files: read.filesRead, results: read.results.length }, contents?.ignored ?? []);
  await setBenchmarkRunState(deps.pool, runId, "ingested", { problems, note });
  await sendCompare(deps, runId);
}

async function sendCompare(deps: AppDeps, runId: number): Promise<void> {
  await deps.queue.send("compare-benchmarks", { runId }, { key: String(runId) });
}
