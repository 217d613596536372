import type { Threshold, Verdict, VerdictExplanation } from "../../analysis/verdict.js";
import type { Queryable } from "../../db/queryable.js";

/** A row of `metric_results` for one evaluation (the evaluation id and config position are implied). */
export interface MetricResultRow {
  metricName: string;
  source: string;
  query: string;
  unit: string;
  better: "lower" | "higher";
  threshold: Threshold;
  verdict: Verdict;
  reason: string;
  baselineMedian: number | null;
  baselineN: number;
  candidateMedian: number | null;
  candidateN: number;
  changePct: number | null;
  changeAbs: number | null;
  pValue: number | null;
  test: string;
  graphUrl: string | null;
  /** null (or absent when saving) for rows stored before explanations were kept. */
  explanation?: VerdictExplanation | null;
}

/**
 * Stores an evaluation's results as exactly these rows, in this order: one set-based statement that upserts
 * every row and deletes any metric no longer in the set, so a retried job overwrites and never duplicates.
 */
export async function saveMetricResults(db: Queryable, evaluationId: number, rows: MetricResultRow[]): Promise<void> {
  const column = <K extends keyof MetricResultRow>(key: K) => rows.map((row) => row[key]);
  await db.query({
    text: `with removed as (
             delete from metric_results where evaluation_id = $1 and metric_name <> all($2::text[])
           )
           insert into metric_results (evaluation_id, metric_name, source, query, unit, better, threshold, verdict,
             reason, baseline_median, baseline_n, candidate_median, candidate_n, change_pct, change_abs, p_value,
             test, graph_url, explanation, position)
           select $1, u.*
           from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[],
                       $9::text[], $10::float8[], $11::int[], $12::float8[], $13::int[], $14::float8[], $15::float8[],
                       $16::float8[], $17::text[], $18::text[], $19::jsonb[]) with ordinality as u
           on conflict (evaluation_id, metric_name) do update set
             position = excluded.position, source = excluded.source, query = excluded.query, unit = excluded.unit,
             better = excluded.better, threshold = excluded.threshold, verdict = excluded.verdict,
             reason = excluded.reason, baseline_median = excluded.baseline_median, baseline_n = excluded.baseline_n,
             candidate_median = excluded.candidate_median, candidate_n = excluded.candidate_n,
             change_pct = excluded.change_pct, change_abs = excluded.change_abs, p_value = excluded.p_value,
             test = excluded.test, graph_url = excluded.graph_url, explanation = excluded.explanation`,
    values: [
      evaluationId,
      column("metricName"),
      column("source"),
      column("query"),
      column("unit"),
      column("better"),
      rows.map((row) => JSON.stringify(row.threshold)),
      column("verdict"),
      column("reason"),
      column("baselineMedian"),
      column("baselineN"),
      column("candidateMedian"),
      column("candidateN"),
      column("changePct"),
      column("changeAbs"),
      column("pValue"),
      column("test"),
      column("graphUrl"),
      rows.map((row) => (row.explanation ? JSON.stringify(row.explanation) : null)),
    ],
  });
}

/** An evaluation's stored results, in the order they were saved. */
export async function listMetricResults(db: Queryable, evaluationId: number): Promise<MetricResultRow[]> {
  const { rows } = await db.query<MetricResultRow>({
    text: `select metric_name as "metricName", source, query, unit, better, threshold, verdict, reason,
             baseline_median as "baselineMedian", baseline_n as "baselineN", candidate_median as "candidateMedian",
             candidate_n as "candidateN", change_pct as "changePct", change_abs as "changeAbs", p_value as "pValue",
             test, graph_url as "graphUrl", explanation
           from metric_results where evaluation_id = $1 order by position`,
    values: [evaluationId],
  });
  return rows;
}
