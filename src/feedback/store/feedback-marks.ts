import type { Threshold } from "../../analysis/verdict.js";
import { queryRow } from "../../db/query-rows.js";
import { bigintAsNumber } from "../../db/bigint-as-number.js";
import type { Queryable } from "../../db/queryable.js";

/** A row of `feedback_marks`. */
export interface FeedbackMark {
  id: number;
  repoId: number;
  kind: "false-alarm" | "missed";
  issueNumber: number;
  improvementIssueId: number | null;
  issueKind: string | null;
  fingerprint: string | null;
  environment: string | null;
  metricName: string;
  evaluationId: number | null;
  benchmarkRunId: number | null;
  threshold: Threshold | null;
  reason: string;
  actor: string;
  source: "command" | "label";
  link: string | null;
  idempotencyKey: string;
  createdAt: Date;
  undoneAt: Date | null;
  undoneBy: string | null;
}

export type NewFeedbackMark = Omit<FeedbackMark, "id" | "threshold" | "undoneAt" | "undoneBy"> & { owner: string; repo: string };

const COLUMNS = `id, repo_id as "repoId", kind, issue_number as "issueNumber", improvement_issue_id as "improvementIssueId",
  issue_kind as "issueKind", fingerprint, environment, metric_name as "metricName", evaluation_id as "evaluationId",
  benchmark_run_id as "benchmarkRunId", threshold, reason, actor, source, link, idempotency_key as "idempotencyKey",
  created_at as "createdAt", undone_at as "undoneAt", undone_by as "undoneBy"`;

/**
 * Records a mark once per idempotency key (a retry gets the stored one back). The threshold is the one the judged
 * verdict was stored with, so quality can be told per detector setting.
 */
export async function recordMark(db: Queryable, mark: NewFeedbackMark): Promise<FeedbackMark> {
  return (await queryRow<FeedbackMark>(
    db,
    `with inserted as (
             insert into feedback_marks (repo_id, owner, repo, kind, issue_number, improvement_issue_id, issue_kind,
               fingerprint, environment, metric_name, evaluation_id, benchmark_run_id, threshold, reason, actor, source,
               link, idempotency_key, created_at)
             select $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12,
                    coalesce((select threshold from metric_results where evaluation_id = $11 and metric_name = $10),
                             (select threshold from improvement_issues where id = $6)),
                    $13, $14, $15, $16, $17, $18
             on conflict (idempotency_key) do nothing
             returning ${COLUMNS})
           select * from inserted
           union all select ${COLUMNS} from feedback_marks where idempotency_key = $17`,
    [
      mark.repoId,
      mark.owner,
      mark.repo,
      mark.kind,
      mark.issueNumber,
      mark.improvementIssueId,
      mark.issueKind,
      mark.fingerprint,
      mark.environment,
      mark.metricName,
      mark.evaluationId,
      mark.benchmarkRunId,
      mark.reason,
      mark.actor,
      mark.source,
      mark.link,
      mark.idempotencyKey,
      mark.createdAt,
    ],
  ))!;
}

/**
 * Records a mark unless the same verdict carries a mark of the same kind already (made another way, or by someone
 * else): then that one is returned with `earlier: true` and nothing is added, so no verdict counts twice. A retry
 * gets its own mark back.
 */
export async function recordMarkOnce(db: Queryable, mark: NewFeedbackMark): Promise<{ mark: FeedbackMark; earlier: boolean }> {
  const { rows } = await db.query<FeedbackMark & { own: boolean }>({
    text: `select ${COLUMNS}, idempotency_key = $1 as own from feedback_marks
            where idempotency_key = $1
               or (undone_at is null and kind = $2 and ((evaluation_id = $3 and metric_name = $4) or improvement_issue_id = $5))
            order by (idempotency_key = $1) desc, id limit 1`,
    values: [mark.idempotencyKey, mark.kind, mark.evaluationId, mark.metricName, mark.improvementIssueId],
    types: bigintAsNumber,
  });
  const found = rows[0];
  if (found) {
    const { own, ...stored } = found;
    return { mark: stored, earlier: !own };
  }
  return { mark: await recordMark(db, mark), earlier: false };
}

/**
 * Undoes the marks in force on one issue or pull request (with `source`, only those made that way), keeping them as
 * history with who and when. A retry of the same undo (same person, same time) gets the same marks back.
 */
export async function undoMarksOn(
  db: Queryable,
  { repoId, issueNumber, by, at, source }: { repoId: number; issueNumber: number; by: string; at: Date; source?: "command" | "label" },
): Promise<FeedbackMark[]> {
  const { rows } = await db.query<FeedbackMark>({
    text: `update feedback_marks set undone_at = $4, undone_by = $3
            where repo_id = $1 and issue_number = $2 and ($5::text is null or source = $5)
              and (undone_at is null or (undone_at = $4 and undone_by = $3))
            returning ${COLUMNS}`,
    values: [repoId, issueNumber, by, at, source ?? null],
    types: bigintAsNumber,
  });
  return rows.sort((a, b) => a.id - b.id);
}
