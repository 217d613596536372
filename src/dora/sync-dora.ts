import type { AppDeps } from "../app-deps.js";
import type { GitHubClient } from "../github/github-client.js";
import type { DoraRepoJob } from "./jobs.js";
import { loadDoraConfig } from "./load-dora-config.js";
import { toDoraIssue } from "./to-dora-issue.js";
import { recordDeploymentCommitsUpTo } from "./record-deployment-commits.js";
import { recordPull } from "./record-pull.js";
import { getBackfillPage, setBackfillPage, type BackfillSource } from "./store/dora-backfills.js";
import { recordDoraDeploymentStatus } from "./store/dora-deployments.js";
import { upsertDoraIssue } from "./store/dora-issues.js";

const PER_PAGE = 100;

/** What a backfill did: rows created or changed per source (a re-run over an unchanged history changes none). */
export interface DoraSyncSummary {
  dora: boolean;
  deployments: number;
  pulls: number;
  incidents: number;
  compares: number;
}

/**
 * Backfills a repository's DORA facts from the API (after installation, or `kaizen dora sync`).
 *
 * 1. config      — no usable kaizen.yml → nothing.
 * 2. deployments — every deployment with its statuses, oldest status first, page by page.
 * 3. pulls       — closed pull requests, page by page; each merged one with its commits.
 * 4. issues      — issues with the incident label, open and closed, page by page.
 * 5. compares    — the commits of every successful deployment not compared yet, in the order they went live.
 *
 * Resumable: the page each source reached is stored after the page is, so a backfill that stopped goes on from
 * there; once a source is read to the end the next backfill starts it over. Idempotent: every write is an upsert
 * that keeps the earliest times, so a re-run changes nothing.
 */
export async function syncDora(octokit: GitHubClient, deps: Pick<AppDeps, "pool" | "sources">, job: DoraRepoJob): Promise<DoraSyncSummary> {
  const config = await loadDoraConfig(octokit, deps, job);
  if (!config) return { dora: false, deployments: 0, pulls: 0, incidents: 0, compares: 0 };
  const { owner, repo, repoId } = job;
  const label = config.incident_label;

  const deployments = await eachPage(deps, repoId, "deployments", async (page) => {
    const { data } = await octokit.rest.repos.listDeployments({ owner, repo, per_page: PER_PAGE, page });
    let changed = 0;
    for (const deployment of data) {
      const statuses = await octokit.paginate(octokit.rest.repos.listDeploymentStatuses, { owner, repo, deployment_id: deployment.id, per_page: PER_PAGE });
      const base = { ...job, githubDeploymentId: deployment.id, environment: deployment.environment, sha: deployment.sha, ref: deployment.ref, createdAt: new Date(deployment.created_at) };
      let touched = statuses.length === 0 && (await recordDoraDeploymentStatus(deps.pool, { ...base, state: "created", at: base.createdAt })).changed;
      for (const status of [...statuses].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id)) {
        if ((await recordDoraDeploymentStatus(deps.pool, { ...base, state: status.state, at: new Date(status.created_at) })).changed) touched = true;
      }
      if (touched) changed += 1;
    }
    return { count: data.length, changed };
  });

  const pulls = await eachPage(deps, repoId, "pulls", async (page) => {
    const { data } = await octokit.rest.pulls.list({ owner, repo, state: "closed", sort: "created", direction: "asc", per_page: PER_PAGE, page });
    let changed = 0;
    for (const pull of data) {
      if (!pull.merged_at) continue;
      if (await recordPull(octokit, deps, { repoId, owner, repo, number: pull.number, mergeCommitSha: pull.merge_commit_sha ?? null, mergedAt: pull.merged_at })) changed += 1;
    }
    return { count: data.length, changed };
  });

  const incidents = await eachPage(deps, repoId, "issues", async (page) => {
    const { data } = await octokit.rest.issues.listForRepo({ owner, repo, state: "all", labels: label, sort: "created", direction: "asc", per_page: PER_PAGE, page });
    let changed = 0;
    for (const issue of data) {
      if (issue.pull_request) continue;
      const labels = issue.labels.map((l) => (typeof l === "string" ? l : (l.name ?? "")));
      if (await upsertDoraIssue(deps.pool, repoId, toDoraIssue({ ...issue, labels }))) changed += 1;
    }
    return { count: data.length, changed };
  });

  const compares = await recordDeploymentCommitsUpTo(octokit, deps, { ...job, deploymentId: null });
  return { dora: true, deployments, pulls, incidents, compares };
}

/** Reads `source` page by page from where it stopped, noting each page done; returns the rows changed. */
async function eachPage(
  deps: Pick<AppDeps, "pool">,
  repoId: number,
  source: BackfillSource,
  read: (page: number) => Promise<{ count: number; changed: number }>,
): Promise<number> {
  let changed = 0;
  for (let page = await getBackfillPage(deps.pool, repoId, source); ; page += 1) {
    const result = await read(page);
    changed += result.changed;
    const last = result.count < PER_PAGE;
    await setBackfillPage(deps.pool, repoId, source, last ? 1 : page + 1, last);
    if (last) return changed;
  }
}
