import type { Context } from "probot";
import { installedRepo } from "../github/installed-repo.js";
import type { AppDeps } from "../app-deps.js";
import { recordBenchmarkRun } from "./store/benchmark-runs.js";

/**
 * A successfully completed workflow run becomes a pending benchmark run and a queued ingest job; whether the
 * workflow is one the repository benchmarks with is for the job to decide, as it needs the repo's config.
 *
 * Idempotent: a redelivery maps to the same run (unique GitHub run id) and the job key is the run's id, so
 * at most one job exists; only a run still pending is queued, so a finished one is never ingested twice.
 * Runs from a fork carry the fork's owner: GitHub leaves their `pull_requests` empty, and the compare step
 * finds the pull request by `owner:branch`.
 */
export function handleWorkflowRun(deps: AppDeps) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const { workflow_run: run, workflow, repository, installation } = context.payload;
    // Results belong to a branch (baselines and history are per branch); a run without one has nowhere to go.
    if (run.conclusion !== "success" || !installation || !run.head_branch) return;

    const fromFork = run.head_repository.full_name !== repository.full_name;
    const recorded = await recordBenchmarkRun(deps.pool, {
      ...installedRepo(installation, repository),
      githubRunId: run.id,
      // The workflow's `name:`, which config lists (the workflow object has it even where the run's is blank).
      workflowName: workflow?.name ?? run.name ?? "",
      event: run.event,
      headBranch: run.head_branch,
      headSha: run.head_sha,
      headOwner: fromFork ? (run.head_repository.owner?.login ?? run.head_repository.full_name.split("/")[0]!) : null,
    });
    if (recorded.state !== "pending") return;
    await deps.queue.send("ingest-benchmarks", { runId: recorded.id }, { key: String(recorded.id) });
  };
}
