import { queryRows } from "../../db/query-rows.js";
import type { Queryable } from "../../db/queryable.js";
import type { DoraRegression } from "../model/dora-facts.js";

/**
 * Kaizen's own confirmed regressions, read from the deployment evaluation's tables (deployments, evaluations,
 * metric_results with their confirmation, improvement_issues): the GitHub deployment each was measured on, and
 * when its improvement issue closed on recovery.
 */
export async function listConfirmedRegressions(db: Queryable, repoId: number): Promise<DoraRegression[]> {
  return queryRows<DoraRegression>(
    db,
    `select d.github_deployment_id as "deploymentId", r.metric_name as metric, i.issue_number as "issueNumber",
             i.closed_at as "recoveredAt"
           from metric_results r
           join evaluations e on e.id = r.evaluation_id
           join deployments d on d.id = e.deployment_id
           left join improvement_issues i on i.opened_by_evaluation_id = e.id and i.metric_name = r.metric_name and i.kind = 'regression'
           where d.repo_id = $1 and r.confirmation = 'confirmed'
           order by d.github_deployment_id, r.position`,
    [repoId],
  );
}
