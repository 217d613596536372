import type { Queryable } from "../db/queryable.js";
import { isProductionEnvironment } from "../config/schema/dora-config.js";
import type { DoraConfig } from "../config/schema/kaizen-config.js";
import { computeDora, type DoraReport } from "./model/compute-dora.js";
import { listCompareProblems, listDoraCommits } from "./store/dora-commits.js";
import { listDoraDeployments } from "./store/dora-deployments.js";
import { listDoraIncidents } from "./store/dora-issues.js";
import { listDoraPulls } from "./store/dora-pulls.js";
import { listConfirmedRegressions } from "./store/dora-regressions.js";

export interface DoraQuery {
  /** One environment by name; null for the config's production environments. */
  environment: string | null;
  from: Date;
  to: Date;
}

/** A deploy of the period whose commits GitHub could not compare: it has no lead times, and the reason says why. */
export interface DoraCompareProblem {
  deploymentId: number;
  environment: string;
  sha: string;
  succeededAt: Date;
  problem: string;
}

export type LoadedDoraReport = DoraReport & { environments: string[]; compareProblems: DoraCompareProblem[] };

/**
 * The keys of a repository from the database: its facts, the deployments of the asked environments, computed; and
 * the deploys of the period whose commits could not be read (their changes have no lead time).
 */
export async function loadDoraReport(deps: { pool: Queryable }, repoId: number, config: DoraConfig, query: DoraQuery): Promise<LoadedDoraReport> {
  const [deployments, commits, pulls, incidents, regressions, problems] = await Promise.all([
    listDoraDeployments(deps.pool, repoId),
    listDoraCommits(deps.pool, repoId),
    listDoraPulls(deps.pool, repoId),
    listDoraIncidents(deps.pool, repoId, config.incident_label),
    listConfirmedRegressions(deps.pool, repoId),
    listCompareProblems(deps.pool, repoId),
  ]);
  const measured = query.environment === null
    ? deployments.filter((d) => isProductionEnvironment(config.production, d.environment))
    : deployments.filter((d) => d.environment === query.environment);
  const report = computeDora({ deployments: measured, commits, pulls, incidents, regressions }, { from: query.from, to: query.to });
  const inPeriod = new Map(measured.filter((d) => d.succeededAt && d.succeededAt >= query.from && d.succeededAt < query.to).map((d) => [d.id, d]));
  const compareProblems = problems.flatMap(({ deploymentId, problem }) => {
    const d = inPeriod.get(deploymentId);
    return d ? [{ deploymentId, environment: d.environment, sha: d.sha, succeededAt: d.succeededAt!, problem }] : [];
  });
  return { ...report, environments: [...new Set(measured.map((d) => d.environment))].sort(), compareProblems };
}
