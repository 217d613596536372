import type { DoraFacts } from "./dora-facts.js";
import type { Deploy } from "./find-failed-deploys.js";
import { hoursBetween } from "./dora-stats.js";

/** A change that reached the measured environments, with its lead time. */
export interface DeployedChange {
  /** `#12` for a merged pull request, else the commit's sha. */
  change: string;
  startedAt: Date;
  deploymentId: number;
  deployedAt: Date;
  leadTimeHours: number;
}

/**
 * The changes the deploys shipped. A commit belongs to the first deploy (by success time) whose compare lists it —
 * a rollback's redeploy lists commits again, and they do not count twice. Commits of a merged pull request (or its
 * merge commit) are one change, starting at the pull request's first commit; any other commit is a change of its
 * own, starting when it was committed.
 */
export function findChanges(facts: DoraFacts, deploys: Deploy[]): DeployedChange[] {
  const deployById = new Map(deploys.map((d) => [d.id, d]));
  const pullBySha = new Map<string, DoraFacts["pulls"][number]>();
  for (const pull of facts.pulls) {
    for (const sha of [...pull.shas, ...(pull.mergeCommitSha ? [pull.mergeCommitSha] : [])]) pullBySha.set(sha, pull);
  }
  const changes = new Map<string, { startedAt: Date; deploy: Deploy }>();
  for (const commit of facts.commits) {
    const deploy = deployById.get(commit.deploymentId);
    if (!deploy) continue;
    const pull = pullBySha.get(commit.sha);
    const key = pull ? `#${pull.number}` : commit.sha;
    const startedAt = pull ? pull.firstCommitAt : commit.committedAt;
    const known = changes.get(key);
    if (!known || deploy.succeededAt < known.deploy.succeededAt) changes.set(key, { startedAt, deploy });
  }
  return [...changes]
    .map(([change, { startedAt, deploy }]) => ({
      change,
      startedAt,
      deploymentId: deploy.id,
      deployedAt: deploy.succeededAt,
      leadTimeHours: hoursBetween(startedAt, deploy.succeededAt),
    }))
    .sort((a, b) => a.deployedAt.getTime() - b.deployedAt.getTime() || a.change.localeCompare(b.change));
}
