import type { Threshold, VerdictExplanation } from "../analysis/verdict.js";
import { queryRows } from "./query-rows.js";
import { bigintAsNumber } from "./bigint-as-number.js";
import type { Queryable } from "./queryable.js";

/**
 * What people said about Kaizen's verdicts (the feedback feature writes it), as the features that make verdicts
 * read it: read-only, by SQL, since features never import each other. Mutes stop alerts, adjustments change the
 * detector's threshold for one metric, and false alarms are the evidence behind a suggestion.
 */
export interface ActiveMute {
  id: number;
  /** The metric or benchmark muted, as the command named it. */
  subject: string;
  startsAt: Date;
  until: Date;
  reason: string;
  actor: string;
}

/** An adjustment in force for one metric (feedback.auto_tune). */
export interface MetricAdjustment {
  metricName: string;
  kind: "noise-floor";
  thresholdBefore: Threshold;
  threshold: Threshold;
  falseAlarms: number;
  appliedAt: Date;
}

/** One verdict marked a false alarm, with what was measured then. */
export interface FalseAlarmEvidence {
  metricName: string;
  environment: string | null;
  markedAt: Date;
  /** When the deployment judged was made; null for a mark without a stored evaluation. */
  deployedAt: Date | null;
  changePct: number | null;
  changeAbs: number | null;
  threshold: Threshold | null;
  explanation: VerdictExplanation | null;
}

/** The mutes of a repository in force at `now`, soonest to end first. */
export async function listActiveMutes(db: Queryable, repoId: number, now: Date): Promise<ActiveMute[]> {
  return queryRows<ActiveMute>(
    db,
    `select id, subject, starts_at as "startsAt", until, reason, actor from feedback_mutes
            where repo_id = $1 and lifted_at is null and starts_at <= $2 and until > $2
            order by until, id`,
    [repoId, now],
  );
}

/** The mute in force for `subject` (case-insensitive), or undefined. */
export function findMute(mutes: readonly ActiveMute[], subject: string): ActiveMute | undefined {
  const wanted = subject.toLowerCase();
  return mutes.find((mute) => mute.subject.toLowerCase() === wanted);
}

/** The adjustments in force in a repository, by metric name. */
export async function listAdjustments(db: Queryable, repoId: number): Promise<Map<string, MetricAdjustment>> {
  const { rows } = await db.query<MetricAdjustment>({
    text: `select metric_name as "metricName", kind, threshold_before as "thresholdBefore", threshold,
                  false_alarms as "falseAlarms", applied_at as "appliedAt"
             from feedback_adjustments where repo_id = $1 and retired_at is null`,
    values: [repoId],
  });
  return new Map(rows.map((row) => [row.metricName, row]));
}

/**
 * The false alarms marked (and not undone) in a repository, oldest first, with the stored result of the verdict
 * each judged when there is one; one metric's with `metricName`. Marks on drift issues are left out: they judge
 * the drift check, so they are no evidence for the threshold of one deploy's verdict.
 */
export async function listFalseAlarms(db: Queryable, repoId: number, metricName?: string): Promise<FalseAlarmEvidence[]> {
  const { rows } = await db.query<FalseAlarmEvidence>({
    text: `select m.metric_name as "metricName", m.environment, m.created_at as "markedAt",
                  e.status_created_at as "deployedAt", r.change_pct as "changePct", r.change_abs as "changeAbs",
                  coalesce(r.threshold, m.threshold) as threshold, r.explanation
             from feedback_marks m
             left join evaluations e on e.id = m.evaluation_id
             left join metric_results r on r.evaluation_id = m.evaluation_id and r.metric_name = m.metric_name
            where m.repo_id = $1 and m.kind = 'false-alarm' and m.undone_at is null
              and ($2::text is null or m.metric_name = $2) and m.issue_kind is distinct from 'drift'
            order by m.created_at, m.id`,
    values: [repoId, metricName ?? null],
  });
  return rows;
}

/**
 * The marks in force on a repository's deployment verdicts, as "<evaluation id>/<metric>" → the mark's kind. A
 * mark on a drift issue judges the drift check, not a verdict, so it is not one of them.
 */
export async function listEvaluationMarks(db: Queryable, repoId: number): Promise<Map<string, "false-alarm" | "missed">> {
  const { rows } = await db.query<{ evaluationId: number; metricName: string; kind: "false-alarm" | "missed" }>({
    text: `select evaluation_id as "evaluationId", metric_name as "metricName", kind from feedback_marks
            where repo_id = $1 and evaluation_id is not null and undone_at is null and issue_kind is distinct from 'drift'
            order by id`,
    values: [repoId],
    types: bigintAsNumber,
  });
  return new Map(rows.map((row) => [`${row.evaluationId}/${row.metricName}`, row.kind]));
}
