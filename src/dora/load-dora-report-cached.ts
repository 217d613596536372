import type { DoraConfig } from "../config/schema/kaizen-config.js";
import type { Queryable } from "../db/queryable.js";
import { loadDoraReport, type DoraQuery } from "./load-dora-report.js";
import { getDoraFactsVersion } from "./store/dora-facts-version.js";
import { listConfirmedRegressions } from "./store/dora-regressions.js";

type Report = Awaited<ReturnType<typeof loadDoraReport>>;

// A year of hourly deploys takes a few hundred milliseconds to load and compute; the keys change only when a fact
// does, so the dashboard keeps each report while the facts stay as they were, for at most a minute (the period's
// end moves with the clock).
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 200;
const reports = new Map<string, { report: Report; at: number }>();

/**
 * loadDoraReport for the dashboard: the same report, reused while no DORA fact of the repository changed (their
 * version: row counts and row versions), its confirmed regressions are the same, and it is under a minute old.
 */
export async function loadDoraReportCached(db: Queryable, repoId: number, config: DoraConfig, query: DoraQuery): Promise<Report> {
  const [version, regressions] = await Promise.all([getDoraFactsVersion(db, repoId), listConfirmedRegressions(db, repoId)]);
  const key = JSON.stringify([repoId, query.environment, query.from.toISOString(), config.production, config.incident_label, version, regressions]);
  const now = query.to.getTime();
  const kept = reports.get(key);
  if (kept && now >= kept.at && now - kept.at < MAX_AGE_MS) return kept.report;
  const report = await loadDoraReport({ pool: db }, repoId, config, query);
  reports.delete(key);
  reports.set(key, { report, at: now });
  // Maps iterate in insertion order: the first key is the longest unused.
  if (reports.size > MAX_ENTRIES) reports.delete(reports.keys().next().value!);
  return report;
}
