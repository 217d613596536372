import type { Probot } from "probot";
import { installationClient } from "../github/installation-client.js";
import type { AppDeps } from "../app-deps.js";
import { evaluationWindows } from "../analysis/evaluation-windows.js";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { finishEvaluation, getEvaluation, scheduleEvaluation } from "./store/evaluations.js";
import { publishConfigCheck } from "../github/publish-config-check.js";

/**
 * Decides whether and when a deployment is evaluated.
 *
 * 1. config   — read `.github/kaizen.yml` from the default branch; no file → skip; broken → "Kaizen config" check.
 * 2. guard    — only environments the config lists are evaluated.
 * 3. windows  — anchored at the deployment status time; persisted so reports and retries agree.
 * 4. schedule — the evaluation job starts when the candidate window has closed (at once if that has passed).
 */
export async function planEvaluation(app: Probot, deps: AppDeps, evaluationId: number): Promise<void> {
  const evaluation = await getEvaluation(deps.pool, evaluationId);
  if (evaluation?.state === "scheduled" && evaluation.windows) {
    // A retry after the windows were saved but before the job was queued: queue it (idempotent by key).
    await sendEvaluation(deps, evaluation, evaluation.windows.candidate.end);
    return;
  }
  if (!evaluation || evaluation.state !== "pending") return;
  const { owner, repo, sha, environment } = evaluation;
  const octokit = await installationClient(app, evaluation.installationId);

  const loaded = await loadRepoConfig(octokit, { owner, repo }, deps.sources.names());
  if (loaded.status === "missing") {
    await finishEvaluation(deps.pool, evaluationId, "skipped", "no .github/kaizen.yml on the default branch");
    return;
  }
  if (loaded.status === "invalid") {
    await publishConfigCheck(octokit, { owner, repo, sha, problems: loaded.problems });
    await finishEvaluation(deps.pool, evaluationId, "config-error", `${loaded.problems.length} config problem(s)`);
    return;
  }
  if (!loaded.config.deployments.environments.includes(environment)) {
    await finishEvaluation(deps.pool, evaluationId, "skipped", `environment ${environment} is not configured`);
    return;
  }

  const windows = evaluationWindows(evaluation.statusCreatedAt, loaded.config.deployments);
  await scheduleEvaluation(deps.pool, evaluationId, windows);
  await sendEvaluation(deps, evaluation, windows.candidate.end);
}

/** Evaluations of one (repository, environment) run one at a time (a pg-boss group): their reports share a lock. */
function sendEvaluation(deps: AppDeps, evaluation: { id: number; repoId: number; environment: string }, due: Date): Promise<boolean> {
  const startAfter = due > deps.now() ? due : undefined;
  const group = `${evaluation.repoId}:${evaluation.environment}`;
  return deps.queue.send("evaluate-deployment", { evaluationId: evaluation.id }, { key: String(evaluation.id), startAfter, group });
}
