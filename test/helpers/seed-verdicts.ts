import type { Queryable } from "../../src/db/queryable.js";
import { recordDeploymentStatus } from "../../src/deployments/store/record-deployment-status.js";
import { aDeployment, aStatus } from "./seed-evaluation.js";

export interface SeededVerdict {
  metricName: string;
  verdict: "regression" | "improvement" | "no-change" | "inconclusive";
  baseline: number;
  candidate: number;
  confirmation?: "pending" | "confirmed" | "not-confirmed" | null;
}

/**
 * A deployment of `sha` to `environment` whose evaluation has been reported with these verdicts (as
 * evaluate-deployment leaves it), without running one: the rows other features read. With the status id of a
 * webhook delivered later, that delivery finds its evaluation reported already and plans nothing.
 */
export async function seedReportedEvaluation(
  db: Queryable,
  target: { repoId: number; owner: string; repo: string; environment: string; sha: string; checkRunId?: number; githubDeploymentId?: number; githubStatusId?: number },
  verdicts: SeededVerdict[],
): Promise<{ evaluationId: number; githubStatusId: number }> {
  const { repoId, owner, repo, environment, sha, githubDeploymentId, githubStatusId } = target;
  const status = aStatus(githubStatusId === undefined ? {} : { githubStatusId });
  const deployment = aDeployment({ repoId, owner, repo, environment, sha, ...(githubDeploymentId === undefined ? {} : { githubDeploymentId }) });
  const evaluation = await recordDeploymentStatus(db, deployment, status);
  if (!evaluation) throw new Error("the seeded evaluation was not stored");
  await db.query(
    `update evaluations set state = 'reported', check_run_id = $2,
       baseline_start = now() - interval '1 hour', baseline_end = now() - interval '30 minutes',
       candidate_start = now() - interval '30 minutes', candidate_end = now() where id = $1`,
    [evaluation.id, target.checkRunId ?? null],
  );
  for (const [position, v] of verdicts.entries()) {
    const changePct = ((v.candidate - v.baseline) / Math.abs(v.baseline)) * 100;
    const confirming = v.confirmation ?? null;
    await db.query(
      `insert into metric_results (evaluation_id, metric_name, position, source, query, unit, better, threshold, verdict, reason,
         baseline_median, baseline_n, candidate_median, candidate_n, change_pct, change_abs, p_value, test, graph_url,
         confirmation, confirmation_start, confirmation_end)
       values ($1, $2, $3, 'prometheus', 'up', 's', 'lower', '{"kind":"relative","value":0.1}', $4, 'seeded',
         $5, 60, $6, 60, $7, $8, 0.0001, 'yuen', 'https://prometheus.example/graph', $9,
         case when $9::text is null then null else now() end, case when $9::text is null then null else now() + interval '30 minutes' end)`,
      [evaluation.id, v.metricName, position, v.verdict, v.baseline, v.candidate, changePct, v.candidate - v.baseline, confirming],
    );
  }
  return { evaluationId: evaluation.id, githubStatusId: status.githubStatusId };
}
