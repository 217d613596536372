import type { Queryable } from "../../src/db/queryable.js";
import { recordDoraDeploymentStatus } from "../../src/dora/store/dora-deployments.js";
import { recordDeploymentCommits } from "../../src/dora/store/dora-commits.js";
import { upsertDoraPull } from "../../src/dora/store/dora-pulls.js";
import { upsertDoraIssue } from "../../src/dora/store/dora-issues.js";
import { seedEvaluation } from "./seed-evaluation.js";
import { FIXTURE } from "../dora/fixture-history.js";

/**
 * Stores the DORA fixture history (test/dora/fixture-history.ts, hand-computed in test/dora/README.md) as Kaizen would have recorded it: the deployments with their
 * statuses, the compared commits, the merged pull requests, the incidents (plus an unlabelled issue that must not
 * count), and the confirmed regression through the deployment evaluation's own tables.
 */
export async function seedFixture(
  db: Queryable,
  repo: { repoId: number; owner: string; repo: string; installationId: number },
  options: { shiftWeeks?: number } = {},
): Promise<void> {
  // Whole weeks keep every UTC day and week boundary of the fixture, so the hand-computed figures hold after a shift.
  const shift = (options.shiftWeeks ?? 0) * 7 * 86_400_000;
  const history = shiftDates(FIXTURE, shift);
  for (const d of history.deployments) {
    const base = { ...repo, githubDeploymentId: d.id, environment: d.environment, sha: d.sha, ref: "main", createdAt: d.createdAt };
    await recordDoraDeploymentStatus(db, { ...base, state: "pending", at: d.createdAt });
    if (d.succeededAt) await recordDoraDeploymentStatus(db, { ...base, state: "success", at: d.succeededAt });
    if (d.failedAt) await recordDoraDeploymentStatus(db, { ...base, state: "failure", at: d.failedAt });
    if (!d.succeededAt) await recordDoraDeploymentStatus(db, { ...base, state: "failure", at: new Date(d.createdAt.getTime() + 60_000) });
  }
  for (const id of new Set(history.commits.map((c) => c.deploymentId))) {
    await recordDeploymentCommits(db, repo.repoId, id, "base", history.commits.filter((c) => c.deploymentId === id));
  }
  for (const pull of history.pulls) await upsertDoraPull(db, repo.repoId, { ...pull, mergedAt: pull.firstCommitAt });
  for (const incident of history.incidents) await upsertDoraIssue(db, repo.repoId, { ...incident, title: `Incident ${incident.number}`, labels: ["bug", "Incident"] });
  await upsertDoraIssue(db, repo.repoId, { number: 70, title: "Not an incident", url: "https://github.com/x/70", labels: ["bug"], createdAt: new Date(Date.parse("2026-03-10T11:00:00Z") + shift), closedAt: null, linkedShas: [], linkedDeploymentIds: [] });

  const regression = history.regressions[0]!;
  const deployment = history.deployments.find((d) => d.id === regression.deploymentId)!;
  const { evaluation } = await seedEvaluation(db, { ...repo, githubDeploymentId: deployment.id, sha: deployment.sha });
  await db.query(
    `insert into metric_results (evaluation_id, metric_name, position, source, query, unit, better, threshold, verdict, reason,
       baseline_n, candidate_n, test, confirmation, confirmation_start, confirmation_end)
     values ($1, $2, 0, 'prometheus', 'q', 's', 'lower', '{"kind":"relative","value":0.1}', 'regression', 'slower', 10, 10, 'yuen', 'confirmed', $3, $3)`,
    [evaluation.id, regression.metric, deployment.succeededAt],
  );
  await db.query(
    `insert into improvement_issues (repo_id, owner, repo, environment, metric_name, fingerprint, issue_number, state, better, threshold,
       opened_by_evaluation_id, created_at, closed_at)
     values ($1, $2, $3, 'production', $4, 'fp-dora', $5, 'closed', 'lower', '{"kind":"relative","value":0.1}', $6, $7, $8)`,
    [repo.repoId, repo.owner, repo.repo, regression.metric, regression.issueNumber, evaluation.id, deployment.succeededAt, regression.recoveredAt],
  );
}

/** Whole weeks from the fixture's "now" (Monday 2026-03-16, the week after its last deploy) to the week of `now`. */
export function fixtureWeeksBefore(now: Date): number {
  return Math.floor((now.getTime() - Date.parse("2026-03-16T00:00:00Z")) / (7 * 86_400_000));
}

function shiftDates<T>(value: T, by: number): T {
  if (value instanceof Date) return new Date(value.getTime() + by) as T;
  if (Array.isArray(value)) return value.map((v) => shiftDates(v, by)) as T;
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftDates(v, by)])) as T;
  return value;
}
