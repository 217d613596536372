import type { Queryable } from "../db/queryable.js";
import { isProductionEnvironment } from "../config/schema/dora-config.js";
import type { DoraConfig } from "../config/schema/kaizen-config.js";
import { computeDora, type DoraReport } from "./model/compute-dora.js";
import { listDoraCommits } from "./store/dora-commits.js";
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

/** The keys of a repository from the database: its facts, the deployments of the asked environments, computed. */
export async function loadDoraReport(deps: { pool: Queryable }, repoId: number, config: DoraConfig, query: DoraQuery): Promise<DoraReport & { environments: string[] }> {
  const [deployments, commits, pulls, incidents, regressions] = await Promise.all([
    listDoraDeployments(deps.pool, repoId),
    listDoraCommits(deps.pool, repoId),
    listDoraPulls(deps.pool, repoId),
    listDoraIncidents(deps.pool, repoId, config.incident_label),
    listConfirmedRegressions(deps.pool, repoId),
  ]);
  const measured = query.environment === null
    ? deployments.filter((d) => isProductionEnvironment(config.production, d.environment))
    : deployments.filter((d) => d.environment === query.environment);
  const report = computeDora({ deployments: measured, commits, pulls, incidents, regressions }, { from: query.from, to: query.to });
  return { ...report, environments: [...new Set(measured.map((d) => d.environment))].sort() };
}
