import type { Threshold } from "../../analysis/verdict.js";
import type { Queryable } from "../../db/queryable.js";

/** One thing that counts for quality: an alert Kaizen raised, or a mark people made on a verdict. */
export interface QualityEvent {
  event: "alert" | "false-alarm" | "missed";
  /** What raised it: a deployment's metric, a benchmark, a drift check (`drift`), or a later kind of Kaizen issue. */
  subject: string;
  metricName: string;
  /** The detector setting the verdict was made with; null when unknown. */
  threshold: Threshold | null;
  /** When the judged verdict was made (a mark counts in the week of the verdict it judged). */
  at: Date;
}

/**
 * A repository's alerts and marks in force since `since`: regressions in deployment evaluations, benchmark
 * regression issues opened (benchmark verdicts on pull requests are not stored, the issues are), drift issues
 * opened (deployments and benchmarks: subject `drift`, so a drift check's precision is not mixed with a verdict's),
 * and every mark not undone.
 */
export async function listQualityEvents(db: Queryable, repoId: number, since: Date): Promise<QualityEvent[]> {
  const { rows } = await db.query<QualityEvent>({
    text: `select 'alert' as event, 'deployment' as subject, r.metric_name as "metricName", r.threshold, e.status_created_at as at
             from metric_results r join evaluations e on e.id = r.evaluation_id join deployments d on d.id = e.deployment_id
            where d.repo_id = $1 and r.verdict = 'regression' and e.status_created_at >= $2
           union all
           select 'alert', case when i.kind = 'drift' then 'drift' else 'benchmark' end, i.metric_name, i.threshold, i.created_at
             from improvement_issues i
            where i.repo_id = $1 and (i.opened_by_benchmark_run_id is not null or i.kind = 'drift') and i.created_at >= $2
           union all
           select m.kind, coalesce(m.issue_kind, 'deployment'), m.metric_name, m.threshold, coalesce(e.status_created_at, m.created_at)
             from feedback_marks m left join evaluations e on e.id = m.evaluation_id
            where m.repo_id = $1 and m.undone_at is null and coalesce(e.status_created_at, m.created_at) >= $2
           order by at`,
    values: [repoId, since],
  });
  return rows;
}
