import type { Probot } from "probot";
import { installationClient } from "../github/installation-client.js";
import type { AppDeps } from "../app-deps.js";
import { loadRepoConfig, CONFIG_PATH } from "../config/load-repo-config.js";
import { publishConfigCheck } from "../github/publish-config-check.js";
import { checkBenchmarkWorkflows } from "./check-benchmark-workflows.js";
import { listWorkflowNames } from "./github.js";
import { loadForkConfig, type ForkConfigResult } from "./load-fork-config.js";

export interface ValidatePrConfigJob {
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  pullNumber: number;
  /**
   * The pull request's head lives in another repository (a fork): its `_extends` is not followed. Jobs queued
   * before this field existed count as forks, the safe side.
   */
  fromFork?: boolean;
}

/**
 * Validates `.github/kaizen.yml` as a pull request changes it, so a broken config is caught before merge.
 *
 * 1. guard  — only pull requests whose files include the config (removals included: nothing to validate).
 * 2. config — read at the PR's head commit (works for forks: the head commit is reachable in the base repo). A
 *    fork's file is checked on its own, `_extends` not followed (loadForkConfig says why).
 * 3. workflows — when the file is otherwise valid and names benchmark workflows: each must be a workflow of the
 *    repository (or one this PR adds), or its benchmarks would never arrive.
 * 4. report — a "Kaizen config" check run on the head: success, or failure listing every problem with its fix.
 */
export async function validatePrConfig(app: Probot, deps: AppDeps, job: ValidatePrConfigJob): Promise<void> {
  const { owner, repo, sha, pullNumber } = job;
  const octokit = await installationClient(app, job.installationId);

  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { owner, repo, pull_number: pullNumber, per_page: 100 });
  const change = files.find((f) => f.filename === CONFIG_PATH);
  if (!change || change.status === "removed") return;

  const target = { owner, repo, ref: sha };
  const loaded: ForkConfigResult =
    job.fromFork === false ? { ...(await loadRepoConfig(octokit, target, deps.sources.names())), notes: [] } : await loadForkConfig(octokit, target, deps.sources.names());
  const { notes } = loaded;
  const problems = loaded.status === "invalid" ? loaded.problems : [];
  const workflows = loaded.status === "ok" ? loaded.config.benchmarks.workflows : [];
  if (workflows.length > 0) {
    const changedFiles = files.filter((f) => f.status !== "removed").map((f) => f.filename);
    const existing = await listWorkflowNames(octokit, { owner, repo, ref: sha, changedFiles });
    problems.push(...checkBenchmarkWorkflows(workflows, existing));
  }
  await publishConfigCheck(octokit, { owner, repo, sha, problems, notes });
}

/**
 * The config check given up on after every retry: the pull request's author, who waits for the "Kaizen config"
 * check, sees it neutral with why, instead of no check at all.
 */
export async function reportConfigNotChecked(app: Probot, job: ValidatePrConfigJob): Promise<void> {
  const { owner, repo, sha } = job;
  const octokit = await installationClient(app, job.installationId);
  await publishConfigCheck(octokit, { owner, repo, sha, unreadable: true });
}
